// Starts healthy; once the file 'crash-slot-1' exists in the runtime dir, every new slot-1 worker fails at
// start, so a killed slot 1 crash-loops into errored while slot 0 keeps serving.
cluster {
    workers 2
    scheduling 'round-robin'
}
restart {
    backoff {
        initial 200.ms
        factor 2
        max 5.s
    }
    maxRestarts 3
    within 60.s
}
worker {
    http {
        router { r ->
            if (slot == 1 && new File(System.getenv('JCL_RUNTIME_DIR'), 'crash-slot-1').exists()) {
                throw new IllegalStateException('slot 1 cannot start: crash-slot-1 is there')
            }
        }
        get('/') { ctx -> ctx.response().end("slot ${slot}") }
    }
}
