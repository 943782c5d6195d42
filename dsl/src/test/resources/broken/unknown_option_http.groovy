worker {
    http {
        gett('/') { ctx -> ctx.response().end('ok') }
    }
}
