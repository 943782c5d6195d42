cluster {
    workers autoo
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
