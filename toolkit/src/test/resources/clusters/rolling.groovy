// Rolling restarts: every response names the generation that served it; /slow answers after 12 s, longer than a
// replacement takes to start, warm up and report LISTENING on a crowded 2-core machine (5-6 s seen), so
// its worker is draining while it is in flight. /ws echoes, and says goodbye (1001) when its server shuts down.
cluster {
    workers 2
    scheduling 'round-robin'
}
restart {
    readyTimeout 20.s
    drainTimeout 30.s
}
worker {
    http {
        get('/') { ctx -> ctx.response().end("generation ${generation} slot ${slot}") }
        get('/slow') { ctx ->
            vertx.setTimer(12000) { ctx.response().end("slow from generation ${generation}") }
        }
        get('/ws') { ctx ->
            ctx.request().toWebSocket().onSuccess { ServerWebSocket ws ->
                ws.textMessageHandler { String t -> ws.writeTextMessage("${t} from generation ${generation}") }
                ws.shutdownHandler { ws.close((short) 1001, 'worker draining') }
            }
        }
    }
}
