basePort = 8000

cluster {
    workers 2
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
