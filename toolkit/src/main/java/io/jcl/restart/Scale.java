package io.jcl.restart;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * {@code jcl scale N}: changes the number of slots the same careful way a roll replaces them. Up: one new
 * slot at a time (index N_old, N_old+1, ...), each given a worker of the current generation that gets
 * connections only once LISTENING (a {@link Replacement} of an empty slot); the first one that is not
 * LISTENING within readyTimeout stops the scale: the slots added before it stay, it is removed. Down: the
 * highest slots stop getting connections, drain together and are killed after drainTimeout; each slot
 * disappears once its worker exited. Sticky hashing is rendezvous over slot ids, so only the removed
 * slots' clients move.
 */
public final class Scale {

  /** The most slots {@code jcl scale} gives a cluster. */
  public static final int MAX_WORKERS = 256;

  private final Context context;
  private final SlotSet slots;
  private final long readyTimeoutMs;
  private final long drainTimeoutMs;
  private final Consumer<JsonObject> progress;

  public Scale(Context context, SlotSet slots, long readyTimeoutMs, long drainTimeoutMs, Consumer<JsonObject> progress) {
    this.context = context;
    this.slots = slots;
    this.readyTimeoutMs = readyTimeoutMs;
    this.drainTimeoutMs = drainTimeoutMs;
    this.progress = progress;
  }

  /** Null when {@code workers} is a count a cluster can have, else why not. */
  public static String invalid(int workers) {
    return workers < 1 || workers > MAX_WORKERS ? "workers must be between 1 and " + MAX_WORKERS + ", got " + workers : null;
  }

  /**
   * Completes (never fails) with {@code {"result": "done" | "aborted", "workers", "added", "removed"[, "reason"]}}
   * once the cluster has {@code workers} slots, or the scale stopped.
   */
  public Future<JsonObject> to(int workers, int generation) {
    int from = slots.size();
    progress.accept(new JsonObject().put("event", "scaling").put("from", from).put("to", workers));
    return workers >= from ? up(from, workers, generation) : down(from, workers);
  }

  private Future<JsonObject> up(int from, int to, int generation) {
    Replacement start = new Replacement(context, slots, readyTimeoutMs, drainTimeoutMs, progress);
    return Roll.run(IntStream.range(from, to).boxed().toList(), 1, i -> {
      slots.addSlot();
      return start.run(i, generation);
    }).map(r -> {
      // One at a time: only the slot that failed was added and not made LISTENING; it goes.
      r.notReplaced().stream().filter(i -> i < slots.size()).sorted((a, b) -> b - a).forEach(slots::retire);
      slots.dropRetired();
      JsonObject j = result(r.done() ? "done" : "aborted", r.replaced(), List.of());
      return r.done() ? j : j.put("reason", r.abortReason() + "; the slot that failed was removed, "
          + r.replaced().size() + " slot(s) added before it stay");
    });
  }

  private Future<JsonObject> down(int from, int to) {
    List<Integer> leaving = IntStream.range(to, from).boxed().sorted((a, b) -> b - a).toList();
    List<Future<Void>> exits = leaving.stream().map(this::remove).toList();
    return Future.join(exits).transform(ar -> {
      slots.dropRetired();
      return Future.succeededFuture(result("done", List.of(), leaving));
    });
  }

  /** Stops routing to the slot, drains its worker, kills it after drainTimeout; completes once it exited. */
  private Future<Void> remove(int slot) {
    long pid = slots.retire(slot);
    if (pid < 0) {
      return Future.succeededFuture();
    }
    progress.accept(Replacement.event("draining", slot).put("pid", pid));
    long started = System.nanoTime();
    Future<Void> exited = slots.drain(pid);
    return Deadline.within(context, exited, drainTimeoutMs, "did not drain within drainTimeout")
        .recover(e -> {
          slots.kill(pid);
          progress.accept(Replacement.event("killed", slot).put("pid", pid).put("reason", e.getMessage()));
          return exited;
        })
        .onSuccess(v -> progress.accept(Replacement.event("removed", slot).put("pid", pid)
            .put("ms", (System.nanoTime() - started) / 1_000_000)));
  }

  private JsonObject result(String result, List<Integer> added, List<Integer> removed) {
    return new JsonObject().put("result", result).put("workers", slots.size())
        .put("added", new JsonArray(added)).put("removed", new JsonArray(removed));
  }
}
