cluster {
    workerz
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
