worker {
    instanses 2
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
