// A script that sizes its workers itself: jcl must pass exactly this heap and this collector.
cluster {
    workers 1
    jvm {
        heap '1g'
        options '-XX:+UseParallelGC'
        standby false
    }
}
worker {
    http {
        get('/') { ctx -> ctx.response().end('hello') }
    }
}
