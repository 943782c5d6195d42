// ipc-bus.groovy: IPC between real worker JVMs (IpcTest; not scripts/ipc.groovy, the template): every worker consumes the same addresses and reports what it
// saw to the primary, whose tally the test reads with a request.
cluster {
    workers 4
    jvm { standby false }
}
restart {
    warmup 0
}
worker {
    http {
        // worker -> primary -> some worker (round-robin, maybe this one) -> back
        get('/ask') { ctx ->
            request('whoami', [from: slot]).onComplete { ar ->
                ctx.response().end(ar.succeeded() ? "${slot} ${ar.result().body()}" : "failed ${ar.cause().message}")
            }
        }
        // worker -> primary's consumer -> back
        get('/count') { ctx ->
            request('counter', [:]).onComplete { ar ->
                ctx.response().end(ar.succeeded() ? String.valueOf(ar.result().body()) : "failed ${ar.cause().message}".toString())
            }
        }
        get('/nobody') { ctx ->
            request('nobody.home', [:], Duration.ofSeconds(60)).onComplete { ar ->
                ctx.response().end(ar.succeeded() ? 'replied?' : "failed ${ar.cause().message}".toString())
            }
        }
    }
    consumer('bcast') { msg -> toPrimary('seen', [kind: 'bcast', slot: slot]) }
    consumer('work') { msg -> toPrimary('seen', [kind: 'work', slot: slot]) }
    consumer('whoami') { msg -> msg.reply(slot) }
    consumer('never') { msg -> }
    consumer('hang') { msg -> toPrimary('seen', [kind: 'hang', slot: slot]) }   // never replies; the test kills it
}
primary {
    Map<String, Integer> tally = [:]
    int count = 0
    consumer('seen') { msg ->
        JsonObject seen = (JsonObject) msg.body()
        String key = "${seen.getString('kind')}/${seen.getInteger('slot')}".toString()
        tally[key] = (tally[key] ?: 0) + 1
    }
    consumer('tally') { msg -> msg.reply(new JsonObject(tally as Map<String, Object>)) }
    consumer('reset') { msg -> tally.clear(); msg.reply(true) }
    consumer('counter') { msg -> count++; msg.reply(count) }
}
