verify {
    p99 1
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
