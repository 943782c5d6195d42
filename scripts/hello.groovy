// hello.groovy: the smallest cluster: one port, a worker per core, inline routes.
//   ./jcl run scripts/hello.groovy            then   curl -i localhost:8080/
cluster {
    workers auto                 // one worker JVM per core, like Node's os.availableParallelism()
    port 8080
}

worker {
    http {
        get('/') { ctx ->
            ctx.response().putHeader('content-type', 'text/plain').end("hello from worker ${slot}\n")
        }
        get('/health') { ctx -> ctx.response().end('ok') }
    }
}
