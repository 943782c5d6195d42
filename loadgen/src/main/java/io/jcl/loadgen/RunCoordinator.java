package io.jcl.loadgen;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one load test: deploys the shards, starts them on a common T0, snapshots their recorders once a
 * second (progress, per-second p99), fires the restart trigger, and assembles the report once every
 * shard has accounted for all its requests. All of its state lives on one context.
 */
final class RunCoordinator {
  /** Lead time so that every shard is scheduled before T0 arrives. */
  private static final long START_LEAD_NANOS = 50_000_000L;
  /** The cause of the window a {@code restartAt} trigger opens. */
  static final String ROLL = "rolling restart";

  private final Vertx vertx;
  private final LoadSpec spec;
  private final ProgressListener listener;
  private final Context context;
  private final RestartWindows restarts = new RestartWindows();
  private final List<LoadShard> shards = new ArrayList<>();
  private final List<String> deployments = new ArrayList<>();
  private final Histogram latency = LatencyRecorders.newHistogram();
  private final Histogram serviceTime = LatencyRecorders.newHistogram();
  private final Histogram scheduleLag = LatencyRecorders.newHistogram();
  private final Histogram pacerLag = LatencyRecorders.newHistogram();
  private final Histogram afterHandOff = LatencyRecorders.newHistogram();
  private final Histogram interval = LatencyRecorders.newHistogram();
  private final List<Double> p99PerSecond = new ArrayList<>();
  private final int seconds;
  private final int windows;
  private long measureStart;
  private long lastCompleted;
  private long tickTimer = -1;
  private boolean stopped;

  RunCoordinator(Vertx vertx, LoadSpec spec, ProgressListener listener) {
    this.vertx = vertx;
    this.spec = spec;
    this.listener = listener;
    this.context = vertx.getOrCreateContext();
    long span = spec.duration().toNanos() + spec.drain().toNanos();
    this.seconds = (int) (span / Timeline.SECOND) + 2;
    this.windows = (int) (span / spec.fairnessWindow().toNanos()) + 2;
  }

  Future<Report> start() {
    Promise<Report> promise = Promise.promise();
    context.runOnContext(v -> {
      List<Future<String>> deployed = new ArrayList<>();
      for (int i = 0; i < spec.eventLoops(); i++) {
        LoadShard shard = new LoadShard(spec, i, spec.eventLoops(), seconds, windows, restarts);
        shards.add(shard);
        deployed.add(vertx.deployVerticle(shard).onSuccess(deployments::add));
      }
      Future.all(deployed)
          .compose(ok -> runShards())
          .compose(this::finish)
          .onComplete(ar -> context.runOnContext(x -> {
            if (ar.succeeded()) {
              promise.complete(ar.result());
            } else {
              undeployAll().onComplete(u -> promise.fail(ar.cause()));
            }
          }));
    });
    return promise.future();
  }

  private Future<Void> runShards() {
    Promise<Void> allDone = Promise.promise();
    context.runOnContext(v -> {
      long t0 = System.nanoTime() + START_LEAD_NANOS;
      measureStart = t0 + spec.warmup().toNanos();
      long measureEnd = measureStart + spec.duration().toNanos();
      restarts.origin(measureStart);
      RestartWatch watch = spec.restartWatch();
      if (watch != null) {
        watch.start(restarts);
      }
      List<Future<Void>> runs = new ArrayList<>();
      for (LoadShard shard : shards) {
        runs.add(shard.run(t0, measureStart, measureEnd));
      }
      long firstTickMs = Math.max(1, (measureStart - System.nanoTime()) / 1_000_000 + 1000);
      vertx.setTimer(firstTickMs, id -> {
        if (!stopped) {
          tick();
          tickTimer = vertx.setPeriodic(1000, p -> tick());
        }
      });
      scheduleRestart();
      Future.all(runs).onComplete(ar -> context.runOnContext(x -> {
        if (watch != null) {
          watch.stop(); // every request has its outcome: a window opened now would hold none
        }
        stopped = true; // a first tick still pending must not start the periodic one
        vertx.cancelTimer(tickTimer);
        if (ar.succeeded()) {
          allDone.complete();
        } else {
          allDone.fail(ar.cause());
        }
      }));
    });
    return allDone.future();
  }

  private void scheduleRestart() {
    if (spec.restartAt() == null || spec.restartTrigger() == null) {
      return;
    }
    long delayMs = Math.max(1, (measureStart + spec.restartAt().toNanos() - System.nanoTime()) / 1_000_000);
    vertx.setTimer(delayMs, id -> {
      int window = restarts.beginAt(System.nanoTime() - measureStart, ROLL);
      Future<Void> triggered;
      try {
        triggered = spec.restartTrigger().trigger();
      } catch (RuntimeException e) {
        triggered = Future.failedFuture(e);
      }
      triggered.onComplete(ar -> context.runOnContext(v -> {
        restarts.endAt(window, System.nanoTime() - measureStart, ar.succeeded() ? "done" : "failed: " + ar.cause().getMessage());
      }));
    });
  }

  /**
   * Once a second: move the recorders' interval into the totals and tell the listener. Merging
   * histograms walks arrays of tens of thousands of buckets (slow while still interpreted), so it runs
   * on a worker thread, ordered, never on an event loop that might be pacing requests.
   */
  private void tick() {
    if (stopped) {
      return;
    }
    context.executeBlocking(this::collect, true).onSuccess(this::report);
  }

  private void report(double p99) {
    long planned = 0;
    long completed = 0;
    long failed = 0;
    Map<String, Long> counts = new LinkedHashMap<>();
    for (LoadShard shard : shards) {
      planned += shard.measured.planned;
      completed += shard.measured.completed;
      failed += shard.measured.failed;
      shard.measured.workers.workers.forEach((id, stats) -> counts.merge(id, stats.count, Long::sum));
    }
    long responses = counts.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Double> shares = new LinkedHashMap<>();
    counts.forEach((id, c) -> shares.put(id, responses == 0 ? 0 : (double) c / responses));
    double elapsed = (System.nanoTime() - measureStart) / 1e9;
    listener.onProgress(new Progress(elapsed, planned, completed, failed, completed - lastCompleted, p99, shares));
    lastCompleted = completed;
  }

  /** @return the p99 (ms) of the interval just collected */
  private synchronized double collect() {
    interval.reset();
    for (LoadShard shard : shards) {
      interval.add(shard.measured.recorders.drainInto(latency, serviceTime, scheduleLag, pacerLag, afterHandOff));
    }
    double p99 = interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1e6;
    p99PerSecond.add(p99);
    return p99;
  }

  private Future<Report> finish(Void ignored) {
    Promise<Report> promise = Promise.promise();
    context.executeBlocking(() -> {
      collect();
      synchronized (this) {
        return new ReportAssembly(spec, shards, seconds, windows).assemble(latency, serviceTime, scheduleLag,
            pacerLag, afterHandOff, p99PerSecond, restarts, vertx.isNativeTransportEnabled());
      }
    }, true).onComplete(ar -> {
      if (ar.failed()) {
        promise.fail(ar.cause());
      } else {
        undeployAll().onComplete(u -> promise.complete(ar.result()));
      }
    });
    return promise.future();
  }

  private Future<Void> undeployAll() {
    List<Future<Void>> undeployed = new ArrayList<>();
    for (String id : deployments) {
      undeployed.add(vertx.undeploy(id));
    }
    deployments.clear();
    return Future.join(undeployed).mapEmpty();
  }
}
