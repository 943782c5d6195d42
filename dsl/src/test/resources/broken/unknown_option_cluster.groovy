cluster {
    workerz 4
    port 8080
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
