// Not broken: the base script for the override cases (--set / JCL_* layers with bad values).
cluster {
    workers 2
    port 8080
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
