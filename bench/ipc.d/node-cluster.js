// Node's cluster IPC relayed through its primary: worker 0 keeps INFLIGHT requests to worker 1 open;
// each goes worker 0 -> primary -> worker 1 -> primary -> worker 0. Then publish fan-out to every worker.
const cluster = require('cluster');
const WORKERS = +process.env.WORKERS || 4, INFLIGHT = +process.env.INFLIGHT || 100;
const MS = +process.env.MS || 5000, WARM_MS = +process.env.WARM_MS || 5000, ROUNDS = +process.env.ROUNDS || 3;
const FAN_N = +process.env.FAN_N || 200000, FAN_WARM = +process.env.FAN_WARM || 0, BATCH = 1000;
if (cluster.isPrimary) {
  const ws = [];
  for (let i = 0; i < WORKERS; i++) ws.push(cluster.fork({ SLOT: i }));
  // The relay: a message names its target slot, or 'all' for a publish.
  ws.forEach(w => w.on('message', m => {
    if (m.result) { console.log(JSON.stringify(m.result)); if (m.last) { ws.forEach(x => x.kill()); } return; }
    if (m.to === 'all') ws.forEach(x => x.send(m)); else ws[m.to].send(m);
  }));
} else {
  const slot = +process.env.SLOT;
  const pending = new Map();
  let id = 0, fans = 0;
  const request = (to, body) => new Promise(r => { const i = ++id; pending.set(i, r); process.send({ to, from: slot, id: i, body }); });
  process.on('message', m => {
    if (m.reply) { const r = pending.get(m.id); pending.delete(m.id); r(m.body); return; }
    if (m.kind === 'fan') { fans++; return; }
    if (m.kind === 'fancount') { process.send({ to: m.from, reply: true, id: m.id, body: fans }); return; }
    process.send({ to: m.from, reply: true, id: m.id, body: m.body }); // echo
  });
  const rr = async ms => {
    const end = Date.now() + ms, start = process.hrtime.bigint(); let done = 0;
    const loop = async () => { while (Date.now() < end) { await request(1, { n: 1 }); done++; } };
    await Promise.all(Array.from({ length: INFLIGHT }, loop));
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    return { roundTrips: done, seconds: s, perSecond: Math.round(done / s) };
  };
  const count = to => new Promise(r => { const i = ++id; pending.set(i, r); process.send({ to, from: slot, id: i, kind: 'fancount' }); });
  const counted = async () => (await Promise.all(Array.from({ length: WORKERS }, (_, k) => count(k)))).reduce((a, b) => a + b, 0);
  const fan = async n => {
    const base = await counted(), start = process.hrtime.bigint(); let sent = 0, delivered = 0;
    while (sent < n) {
      for (let i = 0; i < BATCH && sent < n; i++, sent++) process.send({ to: 'all', kind: 'fan', body: { n: 1 } });
      const c = await Promise.all(Array.from({ length: WORKERS }, (_, k) => count(k)));
      delivered = c.reduce((a, b) => a + b, 0) - base;
    }
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    return { published: sent, delivered, seconds: s, publishedPerSecond: Math.round(sent / s), deliveredPerSecond: Math.round(delivered / s) };
  };
  if (slot === 0) (async () => {
    await rr(WARM_MS);
    for (let i = 0; i < ROUNDS; i++) process.send({ result: { rr: await rr(MS) } });
    for (let i = 0; i < FAN_WARM; i++) await fan(FAN_N); // unmeasured: as warm as jcl's pass
    process.send({ result: { fan: await fan(FAN_N) }, last: true });
  })();
}
