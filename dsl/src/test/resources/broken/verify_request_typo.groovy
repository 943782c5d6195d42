verify {
    request '/api', method: 'POST', wieght: 2
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
