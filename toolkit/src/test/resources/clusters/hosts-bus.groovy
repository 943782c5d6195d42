// hosts-bus.groovy: three hosts on one machine (HostsTest). Each runs this script with its own
// --set cluster.join.address and HOST_ROLE (a, b, c) in its workers' environment; join.port and group come from --set.
cluster {
    workers 2
    jvm { standby false }
    hosts '127.0.0.2', '127.0.0.3', '127.0.0.4'
}
restart { warmup 0 }
worker {
    http {
        get('/pub') { ctx -> publish('bcast', [from: slot]); ctx.response().end('ok') }
        // Which host served: what HostsTest counts behind HAProxy.
        get('/who') { ctx -> ctx.response().end(System.getenv('HOST_ROLE')) }
        // A request to a consumer on host c that never replies: it ends only when host c leaves (or at 60 s).
        get('/hold') { ctx ->
            request('holdC', [:], Duration.ofSeconds(60)).onComplete { ar ->
                ctx.response().end(ar.succeeded() ? 'replied' : "failed ${ar.cause().message}".toString())
            }
        }
        get('/ask') { ctx ->
            request('onlyC', [:]).onComplete { ar ->
                ctx.response().end(ar.succeeded() ? String.valueOf(ar.result().body()) : "failed ${ar.cause().message}".toString())
            }
        }
    }
    consumer('bcast') { msg -> toPrimary('seen', [kind: 'bcast', slot: slot]) }
    if (System.getenv('HOST_ROLE') == 'c') {
        consumer('onlyC') { msg -> msg.reply("c/${slot}".toString()) }
        consumer('holdC') { msg -> toPrimary('seen', [kind: 'held', slot: slot]) } // and never replies
    }
}
primary {
    Map<String, Integer> tally = [:]
    consumer('seen') { msg ->
        JsonObject seen = (JsonObject) msg.body()
        String key = "${seen.getString('kind')}/${seen.getInteger('slot')}".toString()
        tally[key] = (tally[key] ?: 0) + 1
    }
    List<String> joined = []
    on('host.joined') { e -> joined << e.getString('host') }
    // Every host's workers, as their primaries report them.
    on('worker.listening') { e ->
        String key = "listening@${e.getString('host')}".toString()
        tally[key] = (tally[key] ?: 0) + 1
    }
    // Reached as jcl.primary.tally: each host's own, never another's.
    consumer('tally') { msg -> msg.reply(new JsonObject(tally as Map<String, Object>).put('joined', joined)) }
}
