// TLS terminated by the worker's own HttpServer (a verticle), on a socket the primary accepted.
cluster {
    workers 2
    scheduling 'round-robin'
}
worker {
    verticle file('TlsHello.groovy')
}
