// Rolling restarts: every response names the generation that served it; /slow answers after 5 s.
cluster {
    workers 2
    scheduling 'round-robin'
}
restart {
    readyTimeout 20.s
    drainTimeout 15.s
}
worker {
    http {
        get('/') { ctx -> ctx.response().end("generation ${generation} slot ${slot}") }
        get('/slow') { ctx ->
            vertx.setTimer(5000) { ctx.response().end("slow from generation ${generation}") }
        }
    }
}
