verify {
    duration 5.s
    roll at: 8.s
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
