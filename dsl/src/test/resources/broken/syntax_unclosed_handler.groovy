cluster {
    workers 2
}

worker {
    http {
        get('/') { ctx ->
            ctx.response().end("hello ${ctx.request().path()}")
        get('/health') { ctx -> ctx.response().end('ok') }
    }
}
