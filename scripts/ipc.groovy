// ipc.groovy: the cluster bus. Workers are separate JVMs that share no memory; they talk through the
// primary, which relays every message (send: one consumer, round-robin; publish: all; request: a reply).
//   ./jcl run scripts/ipc.groovy
//   curl localhost:8080/hits                          a counter the primary keeps (request/reply)
//   curl -X PUT 'localhost:8080/price/7?value=12'     the primary stores it and tells every worker to drop its copy
//   curl localhost:8080/price/7                       from this worker's cache, asked of the primary on a miss
//   curl localhost:8080/echo                          answered by some worker, maybe another one
//   ./jcl request ipc echo '{"hi":1}'                 the same from the shell; also ./jcl send, ./jcl publish
cluster {
    workers 2
    port 8080
}
restart {
    warmup 0                     // a new worker's warm-up requests (GET routes) would count as hits
}

worker {
    // Each worker JVM has its own cache: a publish reaches every worker, so no one serves a stale price.
    Map<String, Object> cache = new java.util.concurrent.ConcurrentHashMap<String, Object>()
    http {
        get('/hits') { ctx ->
            request('hits', [slot: slot]).onComplete { ar ->
                ctx.response().end(ar.succeeded() ? "hit ${ar.result().body()} (asked by worker ${slot})\n".toString()
                    : "failed: ${ar.cause().message}\n".toString())
            }
        }
        get('/price/:sku') { ctx ->
            String sku = ctx.pathParam('sku')
            if (cache.containsKey(sku)) {
                ctx.response().end("${sku}: ${cache[sku]} (cached by worker ${slot})\n".toString())
                return
            }
            request('price.get', sku, Duration.ofSeconds(2)).onComplete { ar ->
                if (ar.failed()) {
                    ctx.response().setStatusCode(503).end("failed: ${ar.cause().message}\n".toString())
                    return
                }
                cache[sku] = ar.result().body()
                ctx.response().end("${sku}: ${ar.result().body()} (from the primary)\n".toString())
            }
        }
        put('/price/:sku') { ctx ->
            request('price.set', [sku: ctx.pathParam('sku'), value: ctx.request().getParam('value')]).onComplete { ar ->
                ctx.response().end(ar.succeeded() ? "ok\n" : "failed: ${ar.cause().message}\n".toString())
            }
        }
        get('/echo') { ctx ->
            request('echo', [from: slot]).onComplete { ar ->
                ctx.response().end(ar.succeeded() ? "${ar.result().body()}\n".toString() : "failed: ${ar.cause().message}\n".toString())
            }
        }
    }
    consumer('cache.invalidate') { msg -> cache.remove(((JsonObject) msg.body()).getString('sku')) }
    consumer('echo') { msg -> msg.reply([echo: msg.body(), by: slot]) }
}

primary {
    // The primary's state lives as long as the cluster: a reload replaces the workers, not this.
    long hits = 0
    Map<String, Object> prices = [:]
    consumer('hits') { msg -> hits++; msg.reply(hits) }
    consumer('price.get') { msg -> msg.reply(prices.getOrDefault((String) msg.body(), 'unknown')) }
    consumer('price.set') { msg ->
        JsonObject p = (JsonObject) msg.body()
        prices[p.getString('sku')] = p.getValue('value')
        publish('cache.invalidate', [sku: p.getString('sku')])
        msg.reply(true)
    }
    // Cluster events arrive as messages too (jcl.worker.online, .listening, .exit, .unhealthy, jcl.reload.done).
    consumer('jcl.worker.exit') { msg -> println "worker ${((JsonObject) msg.body()).getInteger('slot')} exited" }
}

// `jcl verify scripts/ipc.groovy`: requests that cross the cluster bus to the primary and back, across a
// roll of the workers (the primary, and its state, stay).
verify {
    rate 300
    duration 20.s
    request '/echo', weight: 3
    request '/hits'
    roll at: 5.s
    maxFailed 0
    fair true
}
