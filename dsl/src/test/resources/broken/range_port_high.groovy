cluster {
    port 70000
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
