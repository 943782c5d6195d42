// Slot 1 fails to start every time; slot 0 must keep serving once slot 1 is errored.
cluster {
    workers 2
    scheduling 'os'
}
restart {
    backoff {
        initial 20.ms
        max 100.ms
    }
    maxRestarts 2
    within 60.s
}
worker {
    http {
        router { r ->
            if (slot == 1) {
                throw new IllegalStateException('slot 1 cannot start')
            }
        }
        get('/') { ctx -> ctx.response().end('up') }
    }
}
