restart {
    maxRestarts 5
    backoff {
        initial 100.ms
        factor Double.parseDouble('two')
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
