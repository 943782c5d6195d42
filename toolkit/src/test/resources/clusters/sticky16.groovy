// Sticky by client IP over 4 slots, for the stickiness test.
cluster {
    workers 4
    scheduling 'sticky'
    sticky { by 'ip' }
}
worker {
    http {
        get('/') { ctx -> ctx.response().end("slot ${slot}") }
    }
}
