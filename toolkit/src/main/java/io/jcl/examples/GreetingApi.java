package io.jcl.examples;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The Java half of {@code scripts/api-verticle.groovy}: an HTTP API on the cluster port that asks the
 * worker's Groovy {@code Greeter} verticle for each answer over the local event bus.
 */
public final class GreetingApi extends VerticleBase {

  @Override
  public Future<?> start() {
    return vertx.createHttpServer()
        .requestHandler(req -> {
          String who = req.getParam("name", "world");
          vertx.eventBus().<String>request("greeter", who)
              .onSuccess(reply -> req.response().putHeader("content-type", "text/plain").end(reply.body() + "\n"))
              .onFailure(e -> req.response().setStatusCode(503).end("greeter unavailable: " + e.getMessage() + "\n"));
        })
        .listen(config().getInteger("http.port"), config().getString("http.host"));
  }
}
