health {
    interval 2.s
    timeout 2.s
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
