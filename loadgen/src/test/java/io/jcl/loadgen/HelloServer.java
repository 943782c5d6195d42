package io.jcl.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;

import java.util.concurrent.TimeUnit;

/**
 * A hello-world Vert.x server for bench/loadgen: {@code HelloServer PORT [EVENT_LOOPS]} (PORT 0: a free
 * port). Answers every request with "hello" and an X-Jcl-Worker header; prints "listening PORT" once bound.
 */
public final class HelloServer {
  private HelloServer() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int loops = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
    Buffer hello = Buffer.buffer("hello");
    for (int i = 0; i < loops; i++) {
      try {
        port = vertx.createHttpServer()
            .requestHandler(req -> req.response().putHeader("X-Jcl-Worker", "hello").end(hello))
            .listen(port, "127.0.0.1")
            .await(10, TimeUnit.SECONDS)
            .actualPort();
      } catch (Exception e) {
        System.err.println("cannot listen: " + e.getMessage());
        System.exit(1);
      }
    }
    System.out.println("listening " + port + " native=" + vertx.isNativeTransportEnabled());
  }
}
