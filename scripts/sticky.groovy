// sticky.groovy: the same client IP always reaches the same worker (sessions kept in worker memory).
cluster {
    workers 4
    port 8080
    scheduling 'sticky'
    sticky {
        by 'ip'
    }
}

worker {
    http {
        get('/') { ctx ->
            ctx.response().end("worker ${slot} serves ${ctx.request().remoteAddress().host()}\n")
        }
    }
}

// `jcl verify scripts/sticky.groovy`: clients from 16 loopback addresses, a roll of the 4 slots under
// load, and every address must stay with its slot throughout (a slot's new process inherits its clients).
verify {
    rate 500
    duration 25.s
    sourceIps 16
    roll at: 3.s                 // 4 slots roll one after the other: start early so it ends under load
    maxFailed 0
    sticky true
    fair false                   // 16 addresses hashed over 4 slots are not an even split, nor meant to be
}
