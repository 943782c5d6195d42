worker {
    http {
        get('/') { ctx -> ctx.response().end('ok') }
    }
}

primary {
    consumr('jobs') { msg -> msg.reply('ok') }
}
