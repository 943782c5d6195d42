cluster {
    workers 2
    port 80#80
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
