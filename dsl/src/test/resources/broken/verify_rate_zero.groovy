verify {
    rate 0
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
