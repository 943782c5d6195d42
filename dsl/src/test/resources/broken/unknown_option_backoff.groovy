restart {
    backoff {
        initial 100.ms
        factr 2
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
