cluster {
    scheduling 'round-robbin'
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
