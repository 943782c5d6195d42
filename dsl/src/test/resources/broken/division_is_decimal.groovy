cluster {
    workers 8 / 2
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
