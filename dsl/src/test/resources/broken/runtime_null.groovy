cluster {
    workers 2
    name System.getenv('JCL_SURELY_UNSET_VARIABLE').trim()
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
