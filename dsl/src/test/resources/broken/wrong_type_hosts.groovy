cluster {
    hosts 5
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
