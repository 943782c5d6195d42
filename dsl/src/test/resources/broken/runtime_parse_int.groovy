cluster {
    workers 2
    port Integer.parseInt('x')
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
