cluster {
    jvm {
        heap '512m'
        appCds
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
