cluster {
    workers 2
    prot = 8080
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
