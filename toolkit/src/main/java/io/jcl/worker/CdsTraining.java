package io.jcl.worker;

import io.jcl.dsl.Deployment;
import io.jcl.dsl.Plan;
import io.jcl.dsl.ScriptModel;
import io.jcl.primary.GenerationFiles;
import io.jcl.primary.RuntimeDir;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.metrics.MetricsOptions;
import io.jcl.transport.ReusePortTransport;
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
    ServedTraffic traffic = new ServedTraffic("");
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MetricsOptions().setEnabled(true)))
        .withTransport(ReusePortTransport.create())
        .withMetrics(o -> new WorkerMetrics(traffic))
        .build();
    int code;
    try {
      new WorkerApplication(vertx, deployment).start().await();
      code = 0;
    } catch (Exception e) {
      code = 1;
    }
    vertx.close().await();
    System.exit(code);
  }
}
