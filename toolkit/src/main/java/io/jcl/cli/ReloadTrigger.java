package io.jcl.cli;

import io.jcl.loadgen.RestartTrigger;
import io.jcl.primary.RuntimeDir;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * {@code jcl loadtest --restart-at T}: the restart the generator attributes failures to is the cluster's
 * real rolling restart, started through the admin API's {@code POST /reload} (what {@code jcl reload}
 * does) on the generator's own Vert.x, without blocking its event loop. Completes when the roll is done;
 * fails with the primary's reason when it was refused or aborted, which the report shows as the restart
 * window's status.
 */
final class ReloadTrigger implements RestartTrigger {
  private final Vertx vertx;
  private final RuntimeDir cluster;
  private final Consumer<JsonObject> progress;

  ReloadTrigger(Vertx vertx, RuntimeDir cluster, Consumer<JsonObject> progress) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.progress = progress;
  }

  @Override
  public Future<Void> trigger() {
    int port;
    String token;
    try {
      port = Integer.parseInt(Files.readString(cluster.adminPortFile()).trim());
      token = Files.readString(cluster.tokenFile()).trim();
    } catch (IOException | NumberFormatException e) {
      return Future.failedFuture("cluster '" + cluster.name() + "' is not reachable: " + e.getMessage());
    }
    HttpClient admin = vertx.createHttpClient();
    JsonObject[] last = {null};
    return admin.request(HttpMethod.POST, port, "127.0.0.1", "/reload")
        .compose(req -> req.putHeader("Authorization", "Bearer " + token).send())
        .compose(resp -> {
          Promise<JsonObject> ended = Promise.promise();
          // The answer is one JSON object per line as the roll goes; the last one is the result.
          resp.handler(RecordParser.newDelimited("\n", line -> {
            JsonObject e = new JsonObject(line);
            last[0] = e;
            if (!e.containsKey("result")) {
              progress.accept(e);
            }
          })).endHandler(v -> ended.tryComplete(last[0])).exceptionHandler(ended::tryFail);
          return ended.future();
        })
        .compose(ReloadTrigger::outcome)
        .eventually(admin::close);
  }

  private static Future<Void> outcome(JsonObject result) {
    if (result == null || !result.containsKey("result")) {
      return Future.failedFuture("the primary ended the reload without a result");
    }
    return "done".equals(result.getString("result")) ? Future.succeededFuture()
        : Future.failedFuture("reload " + result.getString("result") + ": " + result.getString("reason"));
  }
}
