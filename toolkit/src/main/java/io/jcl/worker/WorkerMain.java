package io.jcl.worker;

import io.jcl.dsl.Deployment;
import io.jcl.dsl.ScriptModel;
import io.jcl.dsl.ScriptProblems;
import io.jcl.ipc.Frames;
import io.jcl.ipc.ScriptConsumers;
import io.jcl.ipc.WorkerBus;
import io.jcl.primary.GenerationFiles;
import io.jcl.primary.RuntimeDir;
import io.jcl.primary.WorkerSizing;
import io.jcl.dsl.Options;
import io.jcl.transport.FdLink;
import io.jcl.transport.WorkerTransport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Future;

/**
 * A worker JVM: loads the generation's compiled script and plan, connects to the primary, starts the
 * worker block's application on the shared port and reports LISTENING. It lives exactly as long as its
 * control link.
 */
public final class WorkerMain {

  /** How long a worker lingers after its primary vanished: about a second, as DESIGN.md asks. */
  private static final long ORPHAN_EXIT_MS = 1_000;

  /** Until the plan is read, a drain is bounded by the default. */
  private static volatile long drainTimeoutMs = 10_000;
  /** Beyond drainTimeout: the hard stop if the drain itself hangs (the primary kills at drainTimeout anyway). */
  private static final long DRAIN_HARD_STOP_MS = 1_000;
  private static volatile boolean stopping;
  private static final ServedTraffic TRAFFIC = new ServedTraffic();
  private static final WorkerTransport TRANSPORT = new WorkerTransport();
  /** Set as they come up; a drain before then has less to do. */
  private static volatile Vertx vertx;
  private static volatile ControlLink link;
  private static volatile WorkerApplication application;
  private static volatile WorkerBus bus;
  /** Completed with the slot a standby is given. */
  private static final io.vertx.core.Promise<Integer> ASSIGNED = io.vertx.core.Promise.promise();
  /**
   * When the primary's readyTimeout clock started for this worker: its spawn, or a standby's
   * assignment (epoch ms). The warm-up ends in time for LISTENING to beat that clock.
   */
  private static volatile long readyClockStart = ManagementFactory.getRuntimeMXBean().getStartTime();
  /** What LISTENING may take to reach the primary after the warm-up, on a crowded machine. */
  private static final long READY_MARGIN_MILLIS = 3_000;
  /**
   * A respawn into a slot whose worker died: nothing serves that share (with one worker, connections wait
   * in the primary for holdTimeout, 5 s), so it warms at most as before the long warm-up: 1,000 requests
   * within 3 s. A successor in a roll warms fully, its predecessor serving meanwhile.
   */
  private static volatile boolean respawn = System.getenv("JCL_RESPAWN") != null;
  private static final int RESPAWN_WARMUP = 1_000;
  private static final long RESPAWN_WARMUP_MILLIS = 3_000;

  private WorkerMain() {
  }

  static void trace(String what) {
    if (System.getenv("JCL_TRACE_STARTUP") != null) {
      System.err.println("startup " + what + " at " + (System.currentTimeMillis()
          - ManagementFactory.getRuntimeMXBean().getStartTime()) + "ms");
    }
  }

  public static void main(String[] args) {
    trace("main");
    WorkerEnv env = WorkerEnv.fromEnvironment();
    RuntimeDir dir = new RuntimeDir(env.runtimeDir());
    long pid = ProcessHandle.current().pid();
    ServedTraffic traffic = TRAFFIC;
    // An operator, systemd or a container runtime stopping this worker gets a drain, not a cut.
    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sig -> drain());
    // Ctrl-C in a terminal signals the whole foreground process group, this worker included: the primary
    // stops the cluster and drains it; exiting here would cut its requests in flight. (A worker whose
    // primary is gone exits on its own: its control link closes.)
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> { });
    WorkerTransport transport = TRANSPORT;

    // Vert.x and the control link come up on their own thread while this one loads the script: they
    // do not depend on each other, and on two cores that takes their time off the start.
    CompletableFuture<Boot> boot = new CompletableFuture<>();
    Thread booting = new Thread(() -> {
      try {
        Vertx vertx = Vertx.builder()
            .with(new VertxOptions()
                // Sized by the launcher from the script (WorkerSizing): event loops per server instance,
                // small blocking pools; not Vert.x's per-JVM defaults for a server alone on its host.
                .setEventLoopPoolSize(WorkerEnv.poolSize(WorkerSizing.EVENT_LOOPS_ENV, 1))
                .setWorkerPoolSize(WorkerEnv.poolSize(WorkerSizing.WORKER_POOL_ENV, WorkerSizing.WORKER_POOL_DEFAULT))
                .setInternalBlockingPoolSize(WorkerEnv.poolSize(WorkerSizing.BLOCKING_POOL_ENV,
                    WorkerSizing.BLOCKING_POOL_DEFAULT))
                .setMetricsOptions(new MetricsOptions().setEnabled(true)))
            .withTransport(transport.handle())
            .withMetrics(options -> new WorkerMetrics(traffic))
            .build();
        trace("vertx");
        ControlLink link = new ControlLink(vertx);
        WorkerMain.vertx = vertx;
        WorkerMain.link = link;
        JsonObject hello = new JsonObject().put("token", env.token()).put("slot", env.slot())
            .put("generation", env.generation()).put("pid", pid);
        Future<Void> welcomed = link.open(dir.controlSocket(), hello, frame -> onMessage(frame),
            () -> orphaned(vertx));
        boot.complete(new Boot(vertx, link, welcomed));
      } catch (RuntimeException | Error e) {
        boot.completeExceptionally(e);
      }
    }, "jcl-boot");
    booting.start();

    Deployment deployment;
    try {
      GenerationFiles.Read gen = GenerationFiles.read(dir, env.generation());
      trace("read");
      ScriptModel model = ScriptModel.evaluate(gen.compiled(), WorkerMain.class.getClassLoader());
      trace("evaluated");
      deployment = Deployment.of(gen.plan(), model);
    } catch (ScriptProblems p) {
      System.err.print(p.describe());
      exit(2, 0);
      return;
    } catch (Exception e) {
      System.err.println("cannot load generation " + env.generation() + ": " + e);
      exit(2, 0);
      return;
    }
    drainTimeoutMs = deployment.restart().drainTimeout().toMillis();
    traffic.header(deployment.cluster().hasWorkerHeader() ? deployment.cluster().workerHeader() : null);
    boolean handoff = !deployment.cluster().scheduling().equals(Options.SCHEDULING_OS);
    boolean proxied = handoff && deployment.cluster().handoff().equals(Options.HANDOFF_PROXY);
    if (handoff) {
      transport.handoff(deployment.cluster().port(), proxied);
    } else {
      transport.reusePort();
    }
    // Passed sockets come over an fd link, except under os scheduling (the kernel spreads them) and a
    // proxy handoff (the primary connects to the private port).
    FdLink fdLink = handoff && !proxied ? new FdLink() : null;

    Boot b;
    try {
      b = boot.join();
    } catch (java.util.concurrent.CompletionException e) {
      System.err.println("worker " + env.slot() + " failed to start Vert.x: " + e.getCause());
      exit(1, 0);
      return;
    }
    // A standby (slot -1) reports it is ready and waits to be given a slot; a worker has its slot.
    Future<Integer> slot = env.slot() >= 0
        ? b.welcomed().map(v -> env.slot())
        : b.welcomed().compose(v -> {
          b.link().send(Frames.STATE, new JsonObject().put("state", "STANDBY"));
          return ASSIGNED.future();
        });
    slot
        .compose(n -> {
          trace("welcomed");
          traffic.value(n + "-" + pid);
          // The bus and the script's consumers come before the application: a consumer is registered
          // with the primary before this worker reports LISTENING.
          WorkerBus ipc = new WorkerBus(b.vertx(), b.link().socket(), n, deployment.cluster().ipcMaxFrame());
          bus = ipc;
          deployment.script().worker().attach(b.vertx(), n, env.generation(), ipc);
          ScriptConsumers.register(ipc, deployment.script().worker().consumers());
          WorkerApplication started = new WorkerApplication(b.vertx(), deployment);
          application = started;
          return started.start();
        })
        .compose(v -> {
          if (!handoff) {
            return Future.succeededFuture();
          }
          // Sockets come from the primary: they need a server on the cluster port and the fd link.
          if (!transport.adopting()) {
            return Future.failedFuture("the application opened no server on the cluster port "
                + deployment.cluster().port() + " to serve connections passed by the primary");
          }
          return fdLink == null ? Future.<Void>succeededFuture() : fdLink.connect(dir.fdSocket(), transport);
        })
        .compose(v -> !handoff ? Future.<Void>succeededFuture()
            : new WarmUp(b.vertx(), transport.privatePort(), deployment.script().worker().routes(),
                warmUpBound(deployment.restart()))
                .run(warmUpRequests(deployment.restart()))
                .onComplete(w -> trace("warm")))
        .onSuccess(v -> {
          if (stopping) {
            return; // told to drain while starting: never report LISTENING
          }
          trace("listening");
          // What it served so far is its warm-up: maxRequests counts from here.
          JsonObject listening = new JsonObject().put("state", "LISTENING").put("served", traffic.served.sum());
          if (proxied) {
            listening.put("port", transport.privatePort());
          }
          b.link().send(Frames.STATE, listening);
          new Heartbeats(b.vertx(), traffic, deployment.health().interval().toMillis(),
              fdLink == null ? null : fdLink.loop())
              .start(b.link().context(), sample -> b.link().send(Frames.HEARTBEAT, sample));
        })
        .onFailure(e -> {
          if (stopping) {
            return;
          }
          System.err.println("worker " + env.slot() + " failed to start: " + e.getMessage());
          exit(1, 0);
        });
  }

  /** What the boot thread brings up. */
  private record Boot(Vertx vertx, ControlLink link, Future<Void> welcomed) {
  }

  /** restart.warmup, or at most RESPAWN_WARMUP for a respawn. */
  private static int warmUpRequests(Deployment.RestartConfig restart) {
    return respawn ? Math.min(RESPAWN_WARMUP, restart.warmup()) : restart.warmup();
  }

  /** restart.warmupTimeout (at most RESPAWN_WARMUP_MILLIS for a respawn), cut short where it would run past the primary's readyTimeout. */
  private static Duration warmUpBound(Deployment.RestartConfig restart) {
    long left = restart.readyTimeout().toMillis() - (System.currentTimeMillis() - readyClockStart) - READY_MARGIN_MILLIS;
    long bound = respawn ? Math.min(RESPAWN_WARMUP_MILLIS, restart.warmupTimeout().toMillis()) : restart.warmupTimeout().toMillis();
    return Duration.ofMillis(Math.max(0, Math.min(bound, left)));
  }

  private static void onMessage(JsonObject frame) {
    if (Frames.ASSIGN.equals(frame.getString("address"))) {
      readyClockStart = System.currentTimeMillis();
      respawn = frame.getJsonObject("body").getBoolean("respawn", false);
      ASSIGNED.tryComplete(frame.getJsonObject("body").getInteger("slot"));
    } else if (Frames.DRAIN.equals(frame.getString("address"))) {
      drain();
    } else if (bus != null) {
      bus.deliver(frame);
    }
  }

  /**
   * Asked by the primary or by SIGTERM (any thread): say DRAINING, so the primary stops routing here and
   * (on SIGTERM) starts a replacement, finish what is in flight ({@link Drain}), exit 0. Once only.
   */
  private static synchronized void drain() {
    if (stopping) {
      return;
    }
    stopping = true;
    Vertx v = vertx;
    if (v == null) {
      exit(0, 0); // not booted: nothing to drain
      return;
    }
    ControlLink l = link;
    v.runOnContext(x -> {
      if (l != null) {
        l.send(Frames.STATE, new JsonObject().put("state", "DRAINING"));
      }
      new Drain(v, TRAFFIC, TRANSPORT::stopAccepting, application, drainTimeoutMs).run().onComplete(ar -> exit(0, 0));
    });
    exit(0, drainTimeoutMs + DRAIN_HARD_STOP_MS); // whichever comes first
  }

  private static void orphaned(Vertx vertx) {
    if (stopping) {
      return; // our own close on the way out
    }
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
