worker {
    http {
        get('/') { ctx ->
            ctx.response().setStatusCode('404').end()
        }
    }
}
