health {
    maxHeap 90
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
