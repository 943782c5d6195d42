worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}

primary {
    on('worker.exitt') { event -> println event }
}
