package io.jcl.restart;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * One slot's zero-downtime replacement: start the successor, wait until it is LISTENING (bounded by
 * readyTimeout), send new connections to it, drain the old worker and kill it if it is still there after
 * drainTimeout. Fails, with the old worker still serving, when the successor never became ready.
 * Envoy's hot restart and HAProxy's reload keep the old process the same way until the new one is up.
 */
public final class Replacement {

  private final Context context;
  private final SlotControl control;
  private final long readyTimeoutMs;
  private final long drainTimeoutMs;
  private final Consumer<JsonObject> progress;

  public Replacement(Context context, SlotControl control, long readyTimeoutMs, long drainTimeoutMs,
                     Consumer<JsonObject> progress) {
    this.context = context;
    this.control = control;
    this.readyTimeoutMs = readyTimeoutMs;
    this.drainTimeoutMs = drainTimeoutMs;
    this.progress = progress;
  }

  /** Completes once the slot runs {@code generation} and its old worker is gone. */
  public Future<Void> run(int slot, int generation) {
    long started = System.nanoTime();
    progress.accept(event("starting", slot).put("generation", generation));
    return Deadline.within(context, control.startSuccessor(slot, generation), readyTimeoutMs, "not LISTENING within readyTimeout")
        .recover(e -> {
          control.discardSuccessor(slot);
          progress.accept(event("failed", slot).put("reason", e.getMessage()));
          return Future.failedFuture("slot " + slot + ": the generation " + generation + " worker " + e.getMessage()
              + "; its old worker keeps serving");
        })
        .compose(pid -> {
          progress.accept(event("listening", slot).put("pid", pid).put("ms", msSince(started)));
          long old = control.promote(slot);
          if (old < 0) {
            return Future.succeededFuture();
          }
          progress.accept(event("draining", slot).put("pid", old));
          long drainStart = System.nanoTime();
          return Deadline.within(context, control.drain(old), drainTimeoutMs, "did not drain within drainTimeout")
              .recover(e -> {
                control.kill(old);
                progress.accept(event("killed", slot).put("pid", old).put("reason", e.getMessage()));
                return Future.succeededFuture();
              })
              .onSuccess(v -> progress.accept(event("exited", slot).put("pid", old).put("ms", msSince(drainStart))));
        });
  }

  static JsonObject event(String name, int slot) {
    return new JsonObject().put("event", name).put("slot", slot);
  }

  private static long msSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
