#!/usr/bin/env python3
"""Drives headless Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: no port, no
websocket library): opens the dashboard link, waits for the live feed, takes a screenshot, runs a
command (the roll), takes screenshots while it runs and one after, and reports what each showed and
every console message or uncaught exception. A plain `chromium --screenshot` cannot do this: it shoots
at the load event, before the server-sent events arrive, and --virtual-time-budget waits forever on
the open stream.

usage: cdp.py URL OUTDIR -- COMMAND...     exit 0 when the page went live, the roll showed, no console error
"""
import base64, json, os, subprocess, sys, time

url, out, cmd = sys.argv[1], sys.argv[2], sys.argv[sys.argv.index('--') + 1:]
os.makedirs(out, exist_ok=True)
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()

def child_fds():  # chromium reads commands on fd 3 and writes answers on fd 4
    os.dup2(to_chrome_r, 3)
    os.dup2(from_chrome_w, 4)

chrome = subprocess.Popen(
    [os.environ.get('CHROMIUM', 'chromium'), '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
     '--remote-debugging-pipe', '--window-size=1280,1150', '--user-data-dir=' + os.path.join(out, 'profile'),
     'about:blank'],
    close_fds=False, preexec_fn=child_fds,  # preexec's dup2 to 3 and 4 must survive: no close_fds
    stdout=open(os.path.join(out, 'chromium.log'), 'w'), stderr=subprocess.STDOUT)
os.close(to_chrome_r)
os.close(from_chrome_w)
reader = os.fdopen(from_chrome_r, 'rb')
next_id = [0]
console = []          # every console message and uncaught exception the page produced
buffered = b''

def read_message():
    global buffered
    while b'\0' not in buffered:
        chunk = os.read(from_chrome_r, 1 << 20)
        if not chunk:
            raise SystemExit('chromium closed the pipe')
        buffered += chunk
    msg, buffered = buffered.split(b'\0', 1)
    return json.loads(msg)

def call(method, params=None, session=None):
    next_id[0] += 1
    msg = {'id': next_id[0], 'method': method, 'params': params or {}}
    if session:
        msg['sessionId'] = session
    os.write(to_chrome_w, json.dumps(msg).encode() + b'\0')
    while True:
        m = read_message()
        if m.get('method') == 'Runtime.consoleAPICalled':
            p = m['params']
            console.append(p['type'] + ': ' + ' '.join(str(a.get('value', a.get('description', ''))) for a in p['args']))
        elif m.get('method') == 'Runtime.exceptionThrown':
            d = m['params']['exceptionDetails']
            console.append('exception: ' + d.get('exception', {}).get('description', d.get('text', '')))
        elif m.get('method') == 'Log.entryAdded':
            e = m['params']['entry']
            if e['level'] in ('error', 'warning'):
                console.append('log ' + e['level'] + ': ' + e['text'] + ' ' + e.get('url', ''))
        elif m.get('id') == next_id[0]:
            if 'error' in m:
                raise SystemExit(method + ': ' + json.dumps(m['error']))
            return m['result']

target = call('Target.createTarget', {'url': 'about:blank'})['targetId']
session = call('Target.attachToTarget', {'targetId': target, 'flatten': True})['sessionId']
for domain in ('Page', 'Runtime', 'Log'):
    call(domain + '.enable', session=session)
call('Page.navigate', {'url': url}, session=session)

def body(attr):
    r = call('Runtime.evaluate', {'expression': 'document.body ? document.body.dataset.%s : ""' % attr,
                                  'returnByValue': True}, session=session)
    return r['result'].get('value')

def shot(name):
    png = call('Page.captureScreenshot', {'format': 'png'}, session=session)['data']
    path = os.path.join(out, name + '.png')
    with open(path, 'wb') as f:
        f.write(base64.b64decode(png))
    seen = {a: body(a) for a in ('live', 'roll', 'generations', 'events')}
    # Lines drawn on the latency plot: one per slot whose heartbeats carried a latency figure.
    seen['latency'] = call('Runtime.evaluate', {'expression': "document.querySelectorAll('#plot-latency path[data-slot]').length",
                                                'returnByValue': True}, session=session)['result'].get('value')
    print('%-9s %s  live=%s roll=%s generations=%s events=%s latency-lines=%s' % (name, path, seen['live'], seen['roll'],
          seen['generations'], seen['events'], seen['latency']), flush=True)
    return seen

deadline = time.time() + 30
while body('live') != '1' and time.time() < deadline:
    time.sleep(0.25)
time.sleep(3)  # a few samples into the plots
before = shot('before')
roll = subprocess.Popen(cmd, stdout=open(os.path.join(out, 'reload.txt'), 'w'), stderr=subprocess.STDOUT)
during, n = [], 0
while roll.poll() is None and n < 40:
    time.sleep(1.5)
    n += 1
    during.append(shot('during-%02d' % n))
roll.wait()
time.sleep(2)
after = shot('after')
call('Browser.close')
chrome.wait(timeout=10)

showed_roll = any(s['roll'] == '1' or ',' in (s['generations'] or '') for s in during)
print('console messages: %d' % len(console))
for c in console:
    print('  ' + c)
latency_plotted = (before['latency'] or 0) > 0 and (after['latency'] or 0) > 0
ok = before['live'] == '1' and showed_roll and not console and roll.returncode == 0 and latency_plotted
print('page live: %s; a during-shot shows old and new workers side by side: %s; latency plotted before and after: %s; '
      'reload exit %d; verdict %s' % (before['live'] == '1', showed_roll, latency_plotted, roll.returncode,
                                      'PASS' if ok else 'FAIL'))
sys.exit(0 if ok else 1)
