cluster {
    jvm {
        heapp '512m'
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
