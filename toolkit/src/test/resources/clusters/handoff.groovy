// Round-robin through the primary: plain routes plus a WebSocket echo, for the protocol tests.
cluster {
    workers 4
    scheduling 'round-robin'
}
worker {
    http {
        get('/') { ctx -> ctx.response().end("slot ${slot} port ${ctx.request().localAddress().port()} client ${ctx.request().remoteAddress().host()}") }
        get('/ws') { ctx ->
            ctx.request().toWebSocket().onSuccess { ServerWebSocket ws -> ws.textMessageHandler { String t -> ws.writeTextMessage(t) } }
        }
    }
}
