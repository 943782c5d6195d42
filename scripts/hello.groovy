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

// `jcl verify scripts/hello.groovy` (CI): starts this cluster on a private loopback port, offers the load
// below, rolls every worker under it, stops, and exits 0 only if every threshold held.
verify {
    rate 1000                    // requests per second, planned whatever the server does (open model)
    duration 20.s
    request '/', weight: 9       // nine in ten requests; the rest check the health route
    request '/health'
    roll at: 5.s                 // a rolling restart (`jcl reload`) under load: the moment users fear
    maxFailed 0                  // not one failed request across it
    fair true                    // and the slots shared the connections evenly
}
