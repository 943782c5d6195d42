cluster {
    def perCore = 1 / 0
    workers 2
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
