cluster {
    ipc {
        maxFrames '2m'
    }
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
