cluster {
    workers 'four'
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
