cluster {
    port '80'
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
