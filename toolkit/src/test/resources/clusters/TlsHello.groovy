import io.vertx.core.Future
import io.vertx.core.VerticleBase
import io.vertx.core.http.HttpServerOptions
import io.vertx.core.net.SelfSignedCertificate

class TlsHello extends VerticleBase {

    @Override
    Future<?> start() {
        def cert = SelfSignedCertificate.create()
        return vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
            .requestHandler { req -> req.response().end("tls ok") }
            .listen(config().getInteger('http.port'), config().getString('http.host'))
    }
}
