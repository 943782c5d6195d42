// rolling.groovy whose worker block throws: a new generation of it never becomes LISTENING.
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
        router { r -> throw new IllegalStateException("generation ${generation} cannot start") }
        get('/') { ctx -> ctx.response().end("generation ${generation} slot ${slot}") }
    }
}
