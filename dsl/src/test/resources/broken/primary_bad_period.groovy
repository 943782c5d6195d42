worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}

primary {
    every('2x') {
        println 'tick'
    }
}
