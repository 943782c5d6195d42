// sticky.groovy: the same client IP always reaches the same worker (sessions kept in worker memory).
cluster {
    workers 4
    port 8080
    scheduling 'sticky'
    sticky {
        by 'ip'
    }
}

worker {
    http {
        get('/') { ctx ->
            ctx.response().end("worker ${slot} serves ${ctx.request().remoteAddress().host()}\n")
        }
    }
}
