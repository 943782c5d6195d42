cluster {
    hosts '127.0.0.2'
    join {
        memberTimeout '500ms'
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
