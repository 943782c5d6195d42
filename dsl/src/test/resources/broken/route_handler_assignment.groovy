worker {
    http {
        get('/') { ctx ->
            hits = 1
            ctx.response().end('ok')
        }
    }
}
