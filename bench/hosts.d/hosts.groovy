// bench/hosts's cluster: three hosts (bench/hosts sets each one's address and HOST_ROLE a, b or c).
// echo.<role> is consumed only by that host's workers: from host a, echo.a is the one-host path
// (worker -> primary -> worker), echo.c the cross-host one (worker -> primary a -> primary c -> worker).
cluster {
    workers 2
    jvm { standby false }
    hosts '127.0.0.2', '127.0.0.3', '127.0.0.4'
}
restart { warmup 0 }
worker {
    String role = System.getenv('HOST_ROLE') ?: 'a'
    long[] fans = new long[1]
    http {
        get('/') { ctx -> ctx.response().end('hello') }
        // Round trips to `target`, `inflight` at a time for `ms`.
        get('/rr') { ctx ->
            int inflight = Integer.parseInt(ctx.request().getParam('inflight', '100'))
            long ms = Long.parseLong(ctx.request().getParam('ms', '5000'))
            String target = ctx.request().getParam('target', 'echo.a')
            long start = System.nanoTime()
            long end = start + ms * 1_000_000L
            long[] done = new long[1]
            long[] failed = new long[1]
            int[] open = new int[] {inflight}
            JsonObject body = new JsonObject().put('n', 1)
            Closure fire
            fire = { ->
                request(target, body).onComplete { ar ->
                    if (ar.succeeded()) { done[0]++ } else { failed[0]++ }
                    if (System.nanoTime() < end) {
                        fire.call()
                    } else if (--open[0] == 0) {
                        double s = (System.nanoTime() - start) / 1e9d
                        ctx.json(new JsonObject().put('roundTrips', done[0]).put('failed', failed[0])
                            .put('perSecond', (long) (done[0] / s)))
                    }
                }
            }
            for (int i = 0; i < inflight; i++) {
                fire.call()
            }
        }
        // Publish fan-out: `n` messages to every worker of every host; the last one carries `last`. Published
        // 1,000 per event-loop turn: one loop of 100,000 held this worker's event loop for seconds, so the
        // connections the primary passed it waited (replaced as stalled) and its heartbeats with them.
        get('/fan') { ctx ->
            long n = Long.parseLong(ctx.request().getParam('n', '20000'))
            long startMs = System.currentTimeMillis()
            long[] next = new long[] {1}
            Closure slice
            slice = { ->
                long last = Math.min(n, next[0] + 999)
                for (long i = next[0]; i <= last; i++) {
                    publish('fan', new JsonObject().put('last', i == n))
                }
                next[0] = last + 1
                if (next[0] <= n) {
                    ctx.vertx().runOnContext { v -> slice.call() }
                } else {
                    ctx.json(new JsonObject().put('startMs', startMs).put('n', n).put('publishedMs', System.currentTimeMillis() - startMs))
                }
            }
            slice.call()
        }
    }
    consumer("echo.${role}".toString()) { msg -> msg.reply(msg.body()) }
    consumer('fan') { msg ->
        fans[0]++
        if (((JsonObject) msg.body()).getBoolean('last')) {
            toPrimary('fan.done', [count: fans[0], at: System.currentTimeMillis()])
            fans[0] = 0
        }
    }
}
primary {
    List<JsonObject> done = []
    consumer('fan.done') { msg -> done << (JsonObject) msg.body() }
    consumer('fan.report') { msg -> msg.reply(new JsonObject().put('done', done)) }
    consumer('fan.reset') { msg -> done.clear(); msg.reply(true) }
}
