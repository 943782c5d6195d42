verify {
    rat 500
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
