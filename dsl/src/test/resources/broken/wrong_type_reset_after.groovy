restart {
    backoff {
        resetAfter 30
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
