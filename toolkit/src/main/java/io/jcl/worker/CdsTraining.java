package io.jcl.worker;

import io.jcl.dsl.Deployment;
import io.jcl.dsl.Plan;
import io.jcl.dsl.ScriptModel;
import io.jcl.primary.GenerationFiles;
import io.jcl.primary.RuntimeDir;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.metrics.MetricsOptions;
import io.jcl.transport.WorkerTransport;
import io.jcl.ipc.ControlHub;
import io.jcl.ipc.Frames;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run that fills the AppCDS archive: loads a generation and starts its application as a worker
 * would, on an ephemeral port (never the cluster's), then exits so the JVM dumps the loaded classes.
 */
public final class CdsTraining {

  private CdsTraining() {
  }

  public static void main(String[] args) throws Exception {
    GenerationFiles.Read gen = GenerationFiles.read(new RuntimeDir(Path.of(args[0])), Integer.parseInt(args[1]));
    Map<String, Object> values = new LinkedHashMap<>(gen.plan().values());
    values.put("cluster.port", 0);
    values.put("cluster.host", "127.0.0.1");
    ScriptModel model = ScriptModel.evaluate(gen.compiled(), CdsTraining.class.getClassLoader());
    Deployment deployment = Deployment.of(Plan.ofValues(values), model);
    ServedTraffic traffic = new ServedTraffic();
    WorkerTransport transport = new WorkerTransport();
    transport.handoff(0, false); // the app's servers land on a private port we can find and call
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MetricsOptions().setEnabled(true)))
        .withTransport(transport.handle())
        .withMetrics(o -> new WorkerMetrics(traffic))
        .build();
    int code;
    try {
      new WorkerApplication(vertx, deployment).start().await();
      exerciseControlLink(vertx);
      exerciseRequest(vertx, transport);
      code = 0;
    } catch (Exception e) {
      code = 1;
    }
    vertx.close().await();
    System.exit(code);
  }

  /**
   * One request through the application, so the request path (codec, router, the script's handler
   * closures, the metrics hook) is archived too: a cold worker's first request then skips that loading.
   */
  private static void exerciseRequest(Vertx vertx, WorkerTransport transport) {
    int port = transport.privatePort();
    if (port <= 0) {
      return;
    }
    try {
      vertx.createHttpClient().request(io.vertx.core.http.HttpMethod.GET, port, "127.0.0.1", "/")
          .compose(req -> req.send().compose(io.vertx.core.http.HttpClientResponse::body))
          .timeout(5, java.util.concurrent.TimeUnit.SECONDS).await();
    } catch (RuntimeException e) {
      // whatever the app answers (or not), the classes on the way are loaded
    }
  }

  /** The control link's classes belong in the archive too: a hub on a scratch socket, a hello, a beat. */
  private static void exerciseControlLink(Vertx vertx) throws Exception {
    Path dir = java.nio.file.Files.createTempDirectory("jcl-cds");
    Path socket = dir.resolve("ipc.sock");
    ControlHub hub = new ControlHub(vertx, 1 << 20, new ControlHub.Listener() {
      @Override
      public boolean hello(JsonObject body, NetSocket link) {
        return true;
      }

      @Override
      public void state(NetSocket link, JsonObject body) {
      }

      @Override
      public void heartbeat(NetSocket link, JsonObject sample) {
      }

      @Override
      public void closed(NetSocket link) {
      }
    });
    try {
      hub.listen(socket).await();
      ControlLink link = new ControlLink(vertx);
      link.open(socket, new JsonObject().put("slot", 0), frame -> { }, () -> { }).await();
      link.send(Frames.STATE, new JsonObject().put("state", "LISTENING"));
    } finally {
      hub.close().await();
      java.nio.file.Files.deleteIfExists(socket);
      java.nio.file.Files.deleteIfExists(dir);
    }
  }
}
