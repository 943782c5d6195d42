// bench/health: hello world, plus POST /block that holds its worker's only event loop for 20 s (a blocking
// call in a handler). Health and restart settings are the defaults: heartbeats every 1 s, timeout 5 s,
// drainTimeout 10 s; a stall is found from the handoff acknowledgements.
cluster {
    workers 2
    scheduling 'round-robin'
}
worker {
    http {
        get('/') { ctx -> ctx.response().end('hello') }
        post('/block') { ctx ->
            Thread.sleep(20_000)
            ctx.response().end('woke up')
        }
    }
}
