package io.jcl.primary;

import io.jcl.restart.CrashLoop;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One of the cluster's N places for a worker: the stable identity (0..N-1) that sticky hashing and
 * {@code jcl status} name. It holds its current worker; during a replacement also the successor that is
 * starting, and the replaced workers that drain until they exit. Owned by the primary's context.
 */
final class Slot {

  final int index;
  /** Respawn history; a new generation starts a fresh one. */
  CrashLoop crashLoop;
  int restarts;
  String lastExit;
  /** Why the slot last got a new worker other than a crash or a reload ("unhealthy: ..."), and when (ms). */
  String lastRestart;
  long lastRestartAt;
  long lastRestartPid;
  boolean errored;
  /** Set with errored: why it gave up, and the last lines its last worker wrote. */
  String erroredReason;
  List<String> lastOutput = List.of();
  /** Removed by a scale down: gets no connections, is never respawned, goes once its workers exited. */
  boolean retired;
  /** Null only before the first spawn; an EXITED worker stays here until its respawn replaces it. */
  Worker current;
  /** Starting, not yet given connections; null outside a replacement. */
  Worker successor;
  final List<Worker> leaving = new ArrayList<>();

  Slot(int index, CrashLoop crashLoop) {
    this.index = index;
    this.crashLoop = crashLoop;
  }

  /** The successor becomes the slot's worker; the one it replaces leaves (returned, or null). */
  Worker promote() {
    Worker old = current;
    current = successor;
    successor = null;
    if (old != null && old.state().alive()) {
      old.leaving = true;
      leaving.add(old);
      return old;
    }
    return null;
  }

  /** Every process this slot accounts for. */
  Stream<Worker> workers() {
    return Stream.concat(Stream.of(current, successor), leaving.stream()).filter(w -> w != null);
  }

  WorkerState state() {
    return errored ? WorkerState.ERRORED : current == null ? WorkerState.STARTING : current.state();
  }

  JsonObject toJson() {
    JsonObject j = current == null ? new JsonObject().put("pid", null).put("generation", null) : current.toJson();
    j.put("slot", index).put("state", state().name()).put("restarts", restarts).put("lastExit", lastExit)
        .put("lastRestart", lastRestart).put("lastRestartAt", lastRestart == null ? null : lastRestartAt)
        .put("lastRestartPid", lastRestart == null ? null : lastRestartPid);
    if (errored) {
      j.put("errored", new JsonObject().put("reason", erroredReason).put("lastOutput", new JsonArray(lastOutput)));
    }
    if (retired) {
      j.put("removing", true);
    }
    if (successor != null) {
      j.put("successor", successor.toJson());
    }
    if (!leaving.isEmpty()) {
      JsonArray l = new JsonArray();
      leaving.forEach(w -> l.add(w.toJson()));
      j.put("leaving", l);
    }
    return j;
  }
}
