// bench/ipc's cluster: slot 0 drives, the others answer; every message goes through the primary.
cluster {
    workers 4
    jvm { standby false }
}
restart {
    warmup 0
}
worker {
    java.util.concurrent.atomic.AtomicLong fans = new java.util.concurrent.atomic.AtomicLong()
    http {
        // Request-reply round trips, driven by slot 0 wherever the HTTP request landed (as Node's worker 0
        // drives): the same pair of JVMs then gets all of the warm-up and every measured round.
        get('/rr') { ctx ->
            JsonObject params = new JsonObject()
                .put('inflight', Integer.parseInt(ctx.request().getParam('inflight', '100')))
                .put('ms', Long.parseLong(ctx.request().getParam('ms', '5000')))
                .put('workers', Integer.parseInt(ctx.request().getParam('workers', '4')))
            request('jcl.slot.0.rr', params, java.time.Duration.ofMillis(params.getLong('ms') + 30_000)).onComplete { ar ->
                if (ar.succeeded()) {
                    ctx.json(ar.result().body())
                } else {
                    ctx.response().setStatusCode(500).end(String.valueOf(ar.cause()))
                }
            }
        }
        // Publish fan-out: `n` messages to every worker, in batches, each batch ended by a barrier request
        // to every worker (the link is ordered, so its reply means the batch arrived there).
        get('/fan') { ctx ->
            long n = Long.parseLong(ctx.request().getParam('n', '200000'))
            int batch = Integer.parseInt(ctx.request().getParam('batch', '1000'))
            int workers = Integer.parseInt(ctx.request().getParam('workers', '4'))
            long start = System.nanoTime()
            long[] sent = new long[1]
            JsonObject body = new JsonObject().put('n', 1)
            Closure next
            next = { ->
                if (sent[0] >= n) {
                    List<Future> counts = []
                    for (int k = 0; k < workers; k++) {
                        counts << request("jcl.slot.${k}.fancount".toString(), 0)
                    }
                    Future.all(counts).onComplete { ar ->
                        double s = (System.nanoTime() - start) / 1e9d
                        long delivered = counts.sum { Future f -> ((io.vertx.core.eventbus.Message) f.result()).body() as long } as long
                        ctx.json(new JsonObject().put('published', sent[0]).put('delivered', delivered).put('seconds', s)
                            .put('publishedPerSecond', (long) (sent[0] / s)).put('deliveredPerSecond', (long) (delivered / s)))
                    }
                    return
                }
                for (int i = 0; i < batch && sent[0] < n; i++) {
                    publish('fan', body)
                    sent[0]++
                }
                List<Future> barrier = []
                for (int k = 0; k < workers; k++) {
                    barrier << request("jcl.slot.${k}.fancount".toString(), 0)
                }
                Future.all(barrier).onComplete { next.call() }
            }
            next.call()
        }
        get('/fanreset') { ctx -> publish('fanreset', 0); ctx.end('ok') }
    }
    // Round trips slot -> primary -> next slot -> primary -> slot, `inflight` at a time for `ms`.
    consumer('rr') { msg ->
        JsonObject params = (JsonObject) msg.body()
        int inflight = params.getInteger('inflight')
        long ms = params.getLong('ms')
        String target = "jcl.slot.${(slot + 1) % params.getInteger('workers')}.echo".toString()
        long start = System.nanoTime()
        long end = start + ms * 1_000_000L
        long[] done = new long[1]
        int[] open = new int[] {inflight}
        long[] failed = new long[1]
        JsonObject body = new JsonObject().put('n', 1)
        Closure fire
        fire = { ->
            request(target, body).onComplete { ar ->
                if (ar.succeeded()) { done[0]++ } else { failed[0]++ }
                if (System.nanoTime() < end) {
                    fire.call()
                } else if (--open[0] == 0) {
                    double s = (System.nanoTime() - start) / 1e9d
                    msg.reply(new JsonObject().put('roundTrips', done[0]).put('failed', failed[0]).put('seconds', s)
                        .put('perSecond', (long) (done[0] / s)))
                }
            }
        }
        for (int i = 0; i < inflight; i++) {
            fire.call()
        }
    }
    consumer('echo') { msg -> msg.reply(msg.body()) }
    consumer('fan') { msg -> fans.incrementAndGet() }
    consumer('fanreset') { msg -> fans.set(0) }
    consumer('fancount') { msg -> msg.reply(fans.get()) }
}
