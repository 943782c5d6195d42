package io.jcl.primary;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Consumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The primary's admin API on 127.0.0.1 (an ephemeral port written to the runtime dir), behind the
 * bearer token in {@code <runtime-dir>/token}: what {@code jcl status}, {@code jcl stop} and
 * {@code jcl reload} talk to.
 */
final class AdminApi {

  /** Starts a reload; {@code progress} sees each step, the future the result (never fails). */
  interface Reloader {
    Future<JsonObject> reload(Integer parallel, Consumer<JsonObject> progress);
  }

  private final Vertx vertx;
  private final String token;
  private final Supplier<JsonObject> status;
  private final Runnable stop;
  private final Reloader reloader;
  private HttpServer server;

  AdminApi(Vertx vertx, String token, Supplier<JsonObject> status, Runnable stop, Reloader reloader) {
    this.vertx = vertx;
    this.token = token;
    this.status = status;
    this.stop = stop;
    this.reloader = reloader;
  }

  Future<Integer> listen() {
    Router router = Router.router(vertx);
    router.route().handler(this::authorize);
    router.get("/status").handler(ctx -> ctx.json(status.get()));
    router.post("/stop").handler(ctx -> {
      ctx.response().setStatusCode(202).end();
      stop.run();
    });
    router.post("/reload").handler(this::reload);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .map(s -> {
          server = s;
          return s.actualPort();
        });
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /**
   * {@code POST /reload[?parallel=K]}: one JSON object per line as the roll goes (NDJSON), the last one
   * the result ({@code "result": "done" | "aborted" | "refused"}). The roll goes on if the caller leaves.
   */
  private void reload(RoutingContext ctx) {
    Integer parallel;
    try {
      String k = ctx.request().getParam("parallel");
      parallel = k == null ? null : Integer.valueOf(k);
    } catch (NumberFormatException e) {
      ctx.response().setStatusCode(400).end("parallel must be a whole number\n");
      return;
    }
    HttpServerResponse response = ctx.response().setChunked(true).putHeader("content-type", "application/x-ndjson");
    reloader.reload(parallel, event -> {
      if (!response.closed()) {
        response.write(event.encode() + "\n");
      }
    }).onComplete(ar -> {
      if (!response.closed()) {
        response.end((ar.succeeded() ? ar.result() : new JsonObject().put("result", "refused")
            .put("reason", String.valueOf(ar.cause().getMessage()))).encode() + "\n");
      }
    });
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
