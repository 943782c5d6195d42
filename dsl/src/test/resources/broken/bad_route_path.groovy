worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
        get('nope') { ctx -> ctx.response().end('no') }
    }
}
