package io.jcl.primary;

import io.jcl.dsl.Ipc;
import io.jcl.view.Dashboard;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.Json;
import java.time.Duration;
import java.util.List;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Consumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The primary's admin API on 127.0.0.1 (an ephemeral port written to the runtime dir), behind the
 * bearer token in {@code <runtime-dir>/token}: what {@code jcl status}, {@code jcl stop} and
 * {@code jcl reload} and {@code jcl scale} talk to. The live dashboard lives under {@code /dashboard/},
 * behind its own session cookie, which {@code POST /dashboard/link} (with the token) hands out as a
 * one-time link.
 */
final class AdminApi {

  /** Starts a reload; {@code progress} sees each step, the future the result (never fails). */
  interface Reloader {
    Future<JsonObject> reload(Integer parallel, Consumer<JsonObject> progress);
  }

  /** Adds or removes slots; {@code progress} sees each step, the future the result (never fails). */
  interface Scaler {
    Future<JsonObject> scale(int workers, Consumer<JsonObject> progress);
  }

  private final Vertx vertx;
  private final String token;
  private final Supplier<Future<JsonObject>> status;
  private final Runnable stop;
  private final Reloader reloader;
  private final Scaler scaler;
  private final Ipc ipc;
  private final Dashboard dashboard;
  private HttpServer server;

  AdminApi(Vertx vertx, String token, Supplier<Future<JsonObject>> status, Runnable stop, Reloader reloader, Scaler scaler,
           Ipc ipc, Dashboard dashboard) {
    this.vertx = vertx;
    this.token = token;
    this.status = status;
    this.stop = stop;
    this.reloader = reloader;
    this.scaler = scaler;
    this.ipc = ipc;
    this.dashboard = dashboard;
  }

  Future<Integer> listen() {
    Router router = Router.router(vertx);
    // The dashboard's link is asked for with the token; the pages then hold a session cookie instead.
    router.post("/dashboard/link").handler(this::authorize).handler(this::dashboardLink);
    router.route("/dashboard/*").subRouter(dashboard.router(vertx));
    router.route().handler(this::authorize);
    router.get("/status").handler(ctx -> status.get().onComplete(ar -> ctx.json(ar.result()))); // never fails
    router.post("/stop").handler(ctx -> {
      ctx.response().setStatusCode(202).end();
      stop.run();
    });
    router.post("/reload").handler(this::reload);
    router.post("/scale").handler(this::scale);
    router.post("/ipc/:verb").handler(this::ipc);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .map(s -> {
          server = s;
          return s.actualPort();
        });
  }

  /** {@code {"url": "http://127.0.0.1:PORT/dashboard/open?code=..."}}: works once, within a minute. */
  private void dashboardLink(RoutingContext ctx) {
    ctx.json(new JsonObject().put("url", "http://127.0.0.1:" + server.actualPort() + "/dashboard/open?code="
        + dashboard.access().newCode()));
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
    stream(ctx, progress -> reloader.reload(parallel, progress));
  }

  /**
   * {@code POST /scale?workers=N}: progress as NDJSON like a reload, the last line the result
   * ({@code "result": "done" | "aborted" | "refused"}). The scale goes on if the caller leaves.
   */
  private void scale(RoutingContext ctx) {
    int workers;
    try {
      workers = Integer.parseInt(String.valueOf(ctx.request().getParam("workers")));
    } catch (NumberFormatException e) {
      ctx.response().setStatusCode(400).end("workers must be a whole number\n");
      return;
    }
    stream(ctx, progress -> scaler.scale(workers, progress));
  }

  /** Streams what {@code action} reports as NDJSON, then its result as the last line. */
  private static void stream(RoutingContext ctx, Function<Consumer<JsonObject>, Future<JsonObject>> action) {
    HttpServerResponse response = ctx.response().setChunked(true).putHeader("content-type", "application/x-ndjson");
    action.apply(event -> {
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

  /**
   * {@code POST /ipc/send|publish|request?address=A[&timeout=ms]} with a JSON body: what {@code jcl send},
   * {@code jcl publish} and {@code jcl request} do. A request answers 200 with the reply's body as JSON,
   * or 502 with {@code {failureType, failureCode, message}}; a bad body is 400.
   */
  private void ipc(RoutingContext ctx) {
    String verb = ctx.pathParam("verb");
    String address = ctx.request().getParam("address");
    if (address == null || address.isEmpty() || !List.of("send", "publish", "request").contains(verb)) {
      ctx.response().setStatusCode(400).end("POST /ipc/send|publish|request?address=A with a JSON body\n");
      return;
    }
    ctx.request().body().onComplete(ar -> {
      Object body;
      long timeout;
      try {
        body = Json.decodeValue(ar.result());
        timeout = Long.parseLong(ctx.request().getParam("timeout", "30000"));
        switch (verb) {
          case "send" -> ipc.send(address, body);
          case "publish" -> ipc.publish(address, body);
          default -> { }
        }
      } catch (RuntimeException e) {
        ctx.response().setStatusCode(400).end(String.valueOf(e.getMessage()) + "\n");
        return;
      }
      if (!verb.equals("request")) {
        ctx.response().setStatusCode(202).end();
        return;
      }
      ipc.request(address, body, Duration.ofMillis(Math.max(1, timeout))).onComplete(reply -> {
        if (reply.succeeded()) {
          ctx.response().putHeader("content-type", "application/json").end(Json.encode(reply.result().body()));
        } else {
          JsonObject failure = new JsonObject().put("message", reply.cause().getMessage());
          if (reply.cause() instanceof ReplyException e) {
            failure.put("failureType", e.failureType().name()).put("failureCode", e.failureCode());
          }
          ctx.response().setStatusCode(502).putHeader("content-type", "application/json").end(failure.encode());
        }
      });
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
