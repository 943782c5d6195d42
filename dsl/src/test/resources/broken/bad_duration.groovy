restart {
    drainTimeout '2x'
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
