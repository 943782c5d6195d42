health {
    interval '10ms'
    timeout 5.s
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
