package io.jcl.primary;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /ready} on {@code cluster.readyPort} for a load balancer's health check: 200 while this host
 * serves, 503 once it is about to drain (stop) or roll. {@link #leave} turns it unready and waits
 * {@code cluster.readyGrace}, so the balancer stops sending before the workers drain.
 */
final class Readiness {

  private final Vertx vertx;
  private final Duration grace;
  private final BooleanSupplier serving;
  private HttpServer server;
  private boolean leaving;

  Readiness(Vertx vertx, Duration grace, BooleanSupplier serving) {
    this.vertx = vertx;
    this.grace = grace;
    this.serving = serving;
  }

  Future<Void> listen(String host, int port) {
    return vertx.createHttpServer().requestHandler(req -> {
      boolean ready = !leaving && serving.getAsBoolean();
      req.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", "application/json")
          .end(new JsonObject().put("ready", ready).put("leaving", leaving).encode());
    }).listen(port, host).onSuccess(s -> server = s).mapEmpty();
  }

  /** Unready now; the future completes after the grace, when the balancer has seen it. */
  Future<Void> leave() {
    leaving = true;
    return server == null || grace.isZero() ? Future.succeededFuture() : vertx.timer(grace.toMillis()).mapEmpty();
  }

  /** Ready again (when serving); the future completes after the grace, when the balancer has seen it. */
  Future<Void> back() {
    leaving = false;
    return server == null || grace.isZero() ? Future.succeededFuture() : vertx.timer(grace.toMillis()).mapEmpty();
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
