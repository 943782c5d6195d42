verify {
    kill slot: 0
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
