package io.jcl.primary;

import io.jcl.restart.CrashLoop;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;

/**
 * One of the cluster's N places for a worker. A replacement inherits the slot (and with it, later,
 * its sticky clients). Plain fields, owned by the primary's event loop.
 */
final class Slot {

  final int index;
  final CrashLoop crashLoop;
  WorkerState state = WorkerState.STARTING;
  Process process;
  long pid;
  String token;
  NetSocket link;
  int generation;
  int restarts;
  long startedAtMs;
  long spawnedNanos;
  long startupMs = -1;
  long lastHeartbeatNanos;
  JsonObject lastSample = new JsonObject();
  int healthFailures;
  String lastExit;
  String unhealthy;
  OutputPrefix prefix;
  /** Round-robin/sticky: the link accepted sockets travel on, and the handoff state over it. */
  io.netty.channel.Channel fdLink;
  io.jcl.transport.HandoffTarget target;

  Slot(int index, CrashLoop crashLoop) {
    this.index = index;
    this.crashLoop = crashLoop;
  }

  JsonObject toJson() {
    JsonObject j = new JsonObject()
        .put("slot", index)
        .put("pid", pid == 0 ? null : pid)
        .put("state", state.name())
        .put("generation", generation)
        .put("restarts", restarts)
        .put("startedAt", startedAtMs == 0 ? null : startedAtMs)
        .put("startupMs", startupMs < 0 ? null : startupMs)
        .put("lastExit", lastExit)
        .put("unhealthy", unhealthy);
    if (!lastSample.isEmpty()) {
      j.put("health", lastSample);
    }
    return j;
  }
}
