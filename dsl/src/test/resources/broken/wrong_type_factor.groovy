restart {
    backoff {
        factor 'x'
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
