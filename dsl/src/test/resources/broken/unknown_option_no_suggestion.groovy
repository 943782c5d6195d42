cluster {
    port 8080
    frobnicate 3
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
