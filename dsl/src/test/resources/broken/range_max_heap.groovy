health {
    maxHeap '120%'
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
