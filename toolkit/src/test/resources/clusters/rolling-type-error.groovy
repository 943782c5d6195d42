// rolling.groovy with a type error: a reload of it must be refused with its position.
cluster {
    workers 'two'
    scheduling 'round-robin'
}
worker {
    http {
        get('/') { ctx -> ctx.response().end("generation ${generation} slot ${slot}") }
    }
}
