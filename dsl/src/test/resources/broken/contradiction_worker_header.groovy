cluster {
    workerHeader 'X Worker'
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
