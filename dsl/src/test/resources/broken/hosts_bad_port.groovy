cluster {
    hosts '127.0.0.2', '127.0.0.3:70000'
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
