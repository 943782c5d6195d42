cluster {
    workerz 4
    port '80'
}

health {
    maxHeap 90
}

worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}
