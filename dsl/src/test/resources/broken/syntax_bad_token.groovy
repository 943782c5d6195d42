cluster {
    workers 2
    port 8080 )
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
