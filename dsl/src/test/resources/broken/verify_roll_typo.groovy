verify {
    duration 5.s
    roll att: 2.s
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
