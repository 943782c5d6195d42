package io.jcl.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Test plumbing: a Vert.x on epoll (sub-millisecond timers) and loopback servers on free ports. */
final class TestVertx {
  private TestVertx() {
  }

  static Vertx create() {
    return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2));
  }

  /** Starts a server on 127.0.0.1 on a free port; returns its port. */
  static int serve(Vertx vertx, Handler<HttpServerRequest> handler) throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(handler);
    return server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
  }

  static String url(int port) {
    return "http://127.0.0.1:" + port + "/";
  }

  static <T> T await(Future<T> future, Duration max) throws Exception {
    return future.await(max.toMillis(), TimeUnit.MILLISECONDS);
  }
}
