restart {
    backoff {
        initial 20.s
        max 10.s
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
