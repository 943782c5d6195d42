cluster 4

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
