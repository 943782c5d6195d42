cluster {
    jvm {
        heap '8m'
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
