cluster {
    scheduling 'sticky'
    sticky {
        bye 'ip'
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
