cluster {
    workers 2
}

restart {
    parallel 3
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
