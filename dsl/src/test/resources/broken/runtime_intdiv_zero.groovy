cluster {
    workers 8.intdiv(0)
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
