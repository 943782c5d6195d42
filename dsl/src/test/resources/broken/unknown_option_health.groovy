health {
    intervall 1.s
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
