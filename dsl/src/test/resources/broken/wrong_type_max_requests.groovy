health {
    maxRequests 'lots'
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
