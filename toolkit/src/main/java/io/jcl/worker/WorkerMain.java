package io.jcl.worker;

import io.jcl.dsl.Deployment;
import io.jcl.dsl.Ipc;
import io.jcl.dsl.ScriptModel;
import io.jcl.dsl.ScriptProblems;
import io.jcl.ipc.Frames;
import io.jcl.primary.GenerationFiles;
import io.jcl.primary.RuntimeDir;
import io.jcl.transport.ReusePortTransport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import java.util.concurrent.TimeUnit;

/**
 * A worker JVM: loads the generation's compiled script and plan, connects to the primary, starts the
 * worker block's application on the shared port and reports LISTENING. It lives exactly as long as its
 * control link.
 */
public final class WorkerMain {

  /** How long a worker lingers after its primary vanished: about a second, as DESIGN.md asks. */
  private static final long ORPHAN_EXIT_MS = 1_000;

  private WorkerMain() {
  }

  public static void main(String[] args) {
    WorkerEnv env = WorkerEnv.fromEnvironment();
    RuntimeDir dir = new RuntimeDir(env.runtimeDir());
    Deployment deployment;
    try {
      GenerationFiles.Read gen = GenerationFiles.read(dir, env.generation());
      ScriptModel model = ScriptModel.evaluate(gen.compiled(), WorkerMain.class.getClassLoader());
      deployment = Deployment.of(gen.plan(), model);
    } catch (ScriptProblems p) {
      System.err.print(p.describe());
      System.exit(2);
      return;
    } catch (Exception e) {
      System.err.println("cannot load generation " + env.generation() + ": " + e);
      System.exit(2);
      return;
    }

    long pid = ProcessHandle.current().pid();
    String header = deployment.cluster().hasWorkerHeader() ? deployment.cluster().workerHeader() : null;
    ServedTraffic traffic = new ServedTraffic(header, env.slot() + "-" + pid);
    int loops = Math.max(deployment.worker().instances(),
        deployment.script().worker().verticles().stream().mapToInt(v -> v.instances()).max().orElse(1));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(loops).setMetricsOptions(new MetricsOptions().setEnabled(true)))
        .withTransport(ReusePortTransport.create())
        .withMetrics(options -> new WorkerMetrics(traffic))
        .build();

    ControlLink link = new ControlLink(vertx);
    JsonObject hello = new JsonObject().put("token", env.token()).put("slot", env.slot())
        .put("generation", env.generation()).put("pid", pid);
    deployment.script().worker().attach(vertx, env.slot(), env.generation(), Ipc.UNBOUND);
    link.open(dir.controlSocket(), hello, frame -> onMessage(frame, vertx, deployment), () -> orphaned(vertx))
        .compose(v -> new WorkerApplication(vertx, deployment).start())
        .onSuccess(v -> {
          link.send(Frames.STATE, new JsonObject().put("state", "LISTENING"));
          new Heartbeats(vertx, traffic, deployment.health().interval().toMillis())
              .start(sample -> link.send(Frames.HEARTBEAT, sample));
        })
        .onFailure(e -> {
          System.err.println("worker " + env.slot() + " failed to start: " + e.getMessage());
          exit(1, 0);
        });
  }

  private static void onMessage(JsonObject frame, Vertx vertx, Deployment deployment) {
    if (Frames.STOP.equals(frame.getString("address"))) {
      long drainMs = deployment.restart().drainTimeout().toMillis();
      // Vert.x closes its servers gracefully: in-flight requests finish, then the JVM exits.
      vertx.close().onComplete(ar -> exit(0, 0));
      exit(0, drainMs); // or after drainTimeout, whichever comes first
    }
  }

  private static void orphaned(Vertx vertx) {
    System.err.println("control link closed: the primary is gone, exiting");
    vertx.close();
    exit(0, 0);
  }

  /**
   * Exits after {@code delayMs} from a plain thread (never block an event loop), with a hard stop if
   * the shutdown itself hangs.
   */
  private static void exit(int code, long delayMs) {
    Thread t = new Thread(() -> {
      sleep(delayMs);
      Thread watchdog = new Thread(() -> {
        sleep(ORPHAN_EXIT_MS);
        Runtime.getRuntime().halt(code);
      }, "jcl-exit-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      System.exit(code);
    }, "jcl-exit");
    t.setDaemon(true);
    t.start();
  }

  private static void sleep(long ms) {
    try {
      TimeUnit.MILLISECONDS.sleep(ms);
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
  }
}
