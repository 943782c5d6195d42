cluster {
    join {
        adress '127.0.0.2'
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
