worker {
    http {
        get('/') { ctx ->
            ctx.response().end(greeting)
        }
    }
}
