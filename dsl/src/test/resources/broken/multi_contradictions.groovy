cluster {
    workers 2
}

health {
    interval 5.s
    timeout 1.s
}

restart {
    backoff {
        initial 1.h
        max 1.s
    }
    parallel 4
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
