cluster {
    workers 2
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}

cluster {
    port 9090
}
