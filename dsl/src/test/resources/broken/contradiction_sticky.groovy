cluster {
    workers 2
    sticky {
        by 'ip'
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
