cluster {
    jvm {
        heap 'lots'
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
