cluster {
    port 70000
    scheduling 'stiky'
}

health {
    failAfter 0
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
