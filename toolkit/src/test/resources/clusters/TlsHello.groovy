import io.vertx.core.Future
import io.vertx.core.VerticleBase
import io.vertx.core.http.HttpServerOptions
import io.vertx.core.net.SelfSignedCertificate

class TlsHello extends VerticleBase {

    @Override
    Future<?> start() {
        def cert = SelfSignedCertificate.create()
        def server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
        // actualPort(): the cluster port, although the primary owns that listener
        return server.requestHandler { req -> req.response().end("tls ok, actualPort ${server.actualPort()}") }
            .listen(config().getInteger('http.port'), config().getString('http.host'))
    }
}
