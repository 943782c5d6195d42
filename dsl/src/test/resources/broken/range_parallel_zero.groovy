restart {
    parallel 0
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
