package io.jcl.primary;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The primary's admin API on 127.0.0.1 (an ephemeral port written to the runtime dir), behind the
 * bearer token in {@code <runtime-dir>/token}: what {@code jcl status} and {@code jcl stop} talk to.
 */
final class AdminApi {

  private final Vertx vertx;
  private final String token;
  private final Supplier<JsonObject> status;
  private final Runnable stop;
  private HttpServer server;

  AdminApi(Vertx vertx, String token, Supplier<JsonObject> status, Runnable stop) {
    this.vertx = vertx;
    this.token = token;
    this.status = status;
    this.stop = stop;
  }

  Future<Integer> listen() {
    Router router = Router.router(vertx);
    router.route().handler(this::authorize);
    router.get("/status").handler(ctx -> ctx.json(status.get()));
    router.post("/stop").handler(ctx -> {
      ctx.response().setStatusCode(202).end();
      stop.run();
    });
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .map(s -> {
          server = s;
          return s.actualPort();
        });
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void authorize(RoutingContext ctx) {
    String given = ctx.request().getHeader("Authorization");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(401).end();
    }
  }
}
