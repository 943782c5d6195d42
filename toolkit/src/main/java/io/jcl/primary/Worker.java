package io.jcl.primary;

import io.jcl.transport.HandoffTarget;
import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;

/**
 * One worker process, from spawn to exit: its links, its place in the lifecycle ({@link WorkerState}),
 * the generation of the script it runs, its timings and last health sample. A slot holds one at a time,
 * plus a successor and the leaving ones during a replacement. Plain fields, owned by the primary's context.
 */
final class Worker {

  final Process process;
  final long pid;
  /** The slot it serves; a standby's worker gets it when taken. */
  final int slot;
  final String token;
  final int generation;
  final OutputPrefix prefix;
  /** Its last output lines: what an errored slot shows. */
  final OutputTail tail;
  final long startedAtMs = System.currentTimeMillis();
  final long spawnedNanos = System.nanoTime();
  private WorkerState state = WorkerState.STARTING;
  NetSocket link;
  /** Round-robin/sticky: the link accepted sockets travel on, and the handoff state over it. */
  Channel fdLink;
  HandoffTarget target;
  long startupMs = -1;
  long lastHeartbeatNanos = System.nanoTime();
  JsonObject lastSample = new JsonObject();
  /** Requests answered per second between its last two heartbeats; -1 before there are two. */
  double reqPerSec = -1;
  int healthFailures;
  /**
   * Why it is being replaced (unhealthy, stalled, recycled). An unhealthy one gets no new connection from
   * then on; a recycled one is healthy and serves until its successor is LISTENING, as in a roll.
   */
  String unhealthy;
  boolean recycled;
  /** maxRequests with its jitter, drawn when it became LISTENING; {@code servedBefore} is its warm-up. */
  io.jcl.health.RequestLimit requestLimit;
  long servedBefore;
  /** Set once it was asked to drain, or said it drains (SIGTERM): its exit is expected, not a crash. */
  boolean leaving;
  String exit;
  private final Promise<Void> listening = Promise.promise();
  private final Promise<Void> exited = Promise.promise();

  Worker(Process process, int slot, String token, int generation, OutputPrefix prefix, OutputTail tail) {
    this.process = process;
    this.pid = process.pid();
    this.slot = slot;
    this.token = token;
    this.generation = generation;
    this.prefix = prefix;
    this.tail = tail;
  }

  WorkerState state() {
    return state;
  }

  /** Moves along the lifecycle table; a move the table does not allow is a supervisor bug. */
  void moveTo(WorkerState next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("worker " + pid + ": " + state + " -> " + next + " is not a lifecycle move");
    }
    state = next;
    if (next == WorkerState.LISTENING) {
      startupMs = (System.nanoTime() - spawnedNanos) / 1_000_000;
      lastHeartbeatNanos = System.nanoTime(); // heartbeats start now
      listening.tryComplete();
    }
  }

  /**
   * Its exit was announced ({@code worker.exit}): only now do those waiting on it (a roll's step, a
   * drain) go on, so the events log reads exit before {@code reload.done}.
   */
  void exitAnnounced() {
    listening.tryFail("exited before it was LISTENING: " + exit);
    exited.tryComplete();
  }

  /** Completes when it is LISTENING; fails when it exits first. */
  Future<Void> listening() {
    return listening.future();
  }

  Future<Void> exited() {
    return exited.future();
  }

  /**
   * A heartbeat arrived: kept as the last sample, and its served counter against the one before gives
   * the request rate (heartbeats carry counters, not rates, so a late one still counts right).
   */
  void sampled(JsonObject sample, long nowNanos) {
    Object served = sample.getValue("served");
    Object before = lastSample.getValue("served");
    if (served instanceof Number s && before instanceof Number b && nowNanos > lastHeartbeatNanos) {
      reqPerSec = Math.max(0, s.longValue() - b.longValue()) * 1e9 / (nowNanos - lastHeartbeatNanos);
    }
    lastSample = sample;
    lastHeartbeatNanos = nowNanos;
  }

  /** Gets connections: LISTENING, reachable, and not found unhealthy. */
  boolean serving() {
    return state == WorkerState.LISTENING && target != null && (unhealthy == null || recycled);
  }

  JsonObject toJson() {
    JsonObject j = new JsonObject()
        .put("pid", pid)
        .put("state", state.name())
        .put("generation", generation)
        .put("startedAt", startedAtMs)
        .put("startupMs", startupMs < 0 ? null : startupMs)
        .put("unhealthy", unhealthy)
        .put("handedOff", target == null || !target.passesFds() ? null : target.handedOff());
    if (!lastSample.isEmpty()) {
      j.put("health", lastSample);
      j.put("heartbeatAgeMs", (System.nanoTime() - lastHeartbeatNanos) / 1_000_000);
    }
    if (reqPerSec >= 0) {
      j.put("reqPerSec", Math.round(reqPerSec * 10) / 10.0);
    }
    return j;
  }
}
