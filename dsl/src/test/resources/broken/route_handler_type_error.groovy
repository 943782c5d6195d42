worker {
    http {
        get('/') { ctx ->
            ctx.response().endd('x')
        }
    }
}
