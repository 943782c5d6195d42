// Health verdicts on real workers. POST routes (a warm-up only sends GETs): /block sleeps 20 s on the event
// loop that serves it; /block-loop/N blocks event loop N of the worker for 20 s (and answers at once from
// its own; with ?pid=P only worker P does, the others answer 409); /fill keeps 70% of the heap reachable.
// Short interval and timeout, so verdicts come quickly.
// The primary block observes the health events, as a user's script would.
cluster {
    workers 2
    scheduling 'round-robin'
    jvm { heap '96m' }
}
health {
    interval 250.ms
    timeout 2.s
    maxHeap 50.percent
    maxEventLoopLag 1.s
    failAfter 2
}
restart {
    readyTimeout 20.s
    drainTimeout 3.s
}
worker {
    instances 3
    http {
        get('/') { ctx -> ctx.response().end("slot ${slot}") }
        post('/block') { ctx ->
            Thread.sleep(20_000)
            ctx.response().end('woke up')
        }
        post('/block-loop/:n') { ctx ->
            String only = ctx.request().getParam('pid')
            if (only != null && only as long != ProcessHandle.current().pid()) {
                ctx.response().setStatusCode(409).end("not worker ${only}")
                return
            }
            int n = ctx.pathParam('n') as int
            def loops = ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup().iterator().toList()
            loops[n].execute { Thread.sleep(20_000) }
            ctx.response().end("blocking event loop ${n} of ${loops.size()}")
        }
        post('/fill') { ctx ->
            def ballast = vertx.sharedData().getLocalMap('ballast')
            long target = (long) (Runtime.runtime.maxMemory() * 0.7)
            int i = ballast.size()
            while ((long) i * (1 << 20) < target) {
                ballast.put(i, new byte[1 << 20])
                i++
            }
            System.gc() // a real heap fills up to its next collection; this one asks for it now
            ctx.response().end("holding ${i} MB")
        }
    }
}
primary {
    on('worker.unhealthy') { e -> println "observed worker.unhealthy: slot ${e.getInteger('slot')} pid ${e.getLong('pid')}: ${e.getString('reason')}" }
    on('worker.recycled') { e -> println "observed worker.recycled: slot ${e.getInteger('slot')} pid ${e.getLong('pid')}: ${e.getString('reason')}" }
}
