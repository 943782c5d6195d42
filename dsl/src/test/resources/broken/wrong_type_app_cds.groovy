cluster {
    jvm {
        appCds 'yes'
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
