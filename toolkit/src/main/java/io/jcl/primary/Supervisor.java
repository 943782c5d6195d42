package io.jcl.primary;

import io.jcl.dsl.Deployment;
import io.jcl.health.HealthCheck;
import io.jcl.ipc.ControlHub;
import io.jcl.ipc.Frames;
import io.jcl.restart.CrashLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one worker per slot alive: spawns, follows each through its lifecycle over the control link,
 * respawns the dead with backoff, marks crash-looping slots errored, replaces unhealthy workers, and
 * stops them all gracefully. All state is owned by the primary's context (Gunicorn's arbiter, on an
 * event loop instead of a sleep loop).
 */
final class Supervisor implements ControlHub.Listener {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Context context;
  private final Deployment deployment;
  private final WorkerLauncher launcher;
  private final ClusterEvents events;
  private final HealthCheck health;
  private final List<Slot> slots = new ArrayList<>();
  private final int generation = 1;
  private final Promise<Void> allListening = Promise.promise();
  private boolean stopping;

  Supervisor(Context context, Deployment deployment, WorkerLauncher launcher, ClusterEvents events) {
    this.context = context;
    this.deployment = deployment;
    this.launcher = launcher;
    this.events = events;
    this.health = new HealthCheck(deployment.health());
    for (int i = 0; i < deployment.cluster().workers(); i++) {
      slots.add(new Slot(i, new CrashLoop(deployment.restart())));
    }
  }

  /** Spawns every slot; completes when all are LISTENING (or fails when a slot errors first). */
  Future<Void> start() {
    slots.forEach(this::spawn);
    long interval = deployment.health().interval().toMillis();
    context.owner().setPeriodic(interval, interval, id -> checkHeartbeats());
    return allListening.future();
  }

  private void spawn(Slot slot) {
    if (stopping) {
      return;
    }
    slot.token = HexFormat.of().formatHex(token());
    slot.generation = generation;
    slot.state = WorkerState.STARTING;
    slot.link = null;
    slot.unhealthy = null;
    slot.healthFailures = 0;
    slot.lastSample = new JsonObject();
    try {
      Process p = launcher.launch(slot.index, generation, slot.token);
      slot.process = p;
      slot.pid = p.pid();
      slot.startedAtMs = System.currentTimeMillis();
      slot.spawnedNanos = System.nanoTime();
      slot.startupMs = -1;
      slot.lastHeartbeatNanos = System.nanoTime();
      String prefix = "[w" + slot.index + " " + p.pid() + "] ";
      OutputPump.start(p.getInputStream(), System.out, prefix);
      OutputPump.start(p.getErrorStream(), System.err, prefix);
      p.onExit().thenAccept(done -> context.runOnContext(v -> exited(slot, done)));
    } catch (java.io.IOException e) {
      slot.lastExit = "spawn failed: " + e.getMessage();
      exited(slot, null);
    }
  }

  private static byte[] token() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return b;
  }

  private void exited(Slot slot, Process p) {
    if (p != null && p != slot.process) {
      return; // an old process of this slot (already replaced)
    }
    if (p != null) {
      slot.lastExit = describeExit(p.exitValue()) + (slot.unhealthy != null ? " (replaced: " + slot.unhealthy + ")" : "");
    }
    slot.state = WorkerState.EXITED;
    slot.link = null;
    events.emit("worker.exit", slot.toJson().put("reason", slot.lastExit));
    if (stopping) {
      return;
    }
    System.err.println("jcl: worker " + slot.index + " (pid " + slot.pid + ") exited: " + slot.lastExit);
    if (!slot.crashLoop.allowRespawn(System.nanoTime())) {
      slot.state = WorkerState.ERRORED;
      String why = "slot " + slot.index + " restarted more than " + deployment.restart().maxRestarts() + " times within "
          + deployment.restart().within().toSeconds() + "s; not respawning it (last exit: " + slot.lastExit + ")";
      System.err.println("jcl: " + why);
      events.emit("worker.errored", slot.toJson());
      allListening.tryFail(why);
      return;
    }
    slot.restarts++;
    long delay = Math.max(1, slot.crashLoop.delay().toMillis());
    context.owner().setTimer(delay, id -> spawn(slot));
  }

  private static String describeExit(int code) {
    return code > 128 ? "killed by signal " + (code - 128) : "exit code " + code;
  }

  @Override
  public int hello(JsonObject body, NetSocket link) {
    int index = body.getInteger("slot", -1);
    if (index < 0 || index >= slots.size()) {
      return -1;
    }
    Slot slot = slots.get(index);
    if (slot.token == null || !slot.token.equals(body.getString("token")) || slot.state != WorkerState.STARTING) {
      return -1;
    }
    slot.link = link;
    slot.state = WorkerState.ONLINE;
    slot.lastHeartbeatNanos = System.nanoTime();
    events.emit("worker.online", slot.toJson());
    return index;
  }

  @Override
  public void state(int index, NetSocket link, String state) {
    Slot slot = slots.get(index);
    if (slot.link != link) {
      return;
    }
    if ("LISTENING".equals(state) && slot.state == WorkerState.ONLINE) {
      slot.state = WorkerState.LISTENING;
      slot.startupMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - slot.spawnedNanos);
      slot.lastHeartbeatNanos = System.nanoTime(); // heartbeats start now
      events.emit("worker.listening", slot.toJson());
      if (slots.stream().allMatch(s -> s.state == WorkerState.LISTENING)) {
        allListening.tryComplete();
      }
    }
  }

  @Override
  public void heartbeat(int index, NetSocket link, JsonObject sample) {
    Slot slot = slots.get(index);
    if (slot.link != link) {
      return;
    }
    slot.lastHeartbeatNanos = System.nanoTime();
    slot.lastSample = sample;
    String breach = health.breach(sample);
    slot.healthFailures = breach == null ? 0 : slot.healthFailures + 1;
    if (breach != null && slot.healthFailures >= deployment.health().failAfter()) {
      replaceUnhealthy(slot, breach + ", " + slot.healthFailures + " times in a row");
    }
  }

  @Override
  public void closed(int index, NetSocket link) {
    // The process exit is what counts (a worker exits when its link closes); nothing to do here.
  }

  /**
   * Once per health interval: a LISTENING worker whose heartbeat is late, or a starting one not
   * LISTENING within readyTimeout, is replaced.
   */
  private void checkHeartbeats() {
    long now = System.nanoTime();
    long readyTimeout = deployment.restart().readyTimeout().toNanos();
    for (Slot slot : slots) {
      if (slot.unhealthy != null) {
        continue;
      }
      if (slot.state == WorkerState.LISTENING && health.late(slot.lastHeartbeatNanos, now)) {
        replaceUnhealthy(slot, "no heartbeat for " + TimeUnit.NANOSECONDS.toMillis(now - slot.lastHeartbeatNanos) + "ms");
      } else if ((slot.state == WorkerState.STARTING || slot.state == WorkerState.ONLINE)
          && slot.process != null && now - slot.spawnedNanos > readyTimeout) {
        replaceUnhealthy(slot, "not LISTENING within readyTimeout " + deployment.restart().readyTimeout().toMillis() + "ms");
      }
    }
  }

  /** Until rolling restarts land, an unhealthy worker is killed and respawned like a crashed one. */
  private void replaceUnhealthy(Slot slot, String reason) {
    if (slot.unhealthy != null || stopping) {
      return;
    }
    slot.unhealthy = reason;
    System.err.println("jcl: worker " + slot.index + " (pid " + slot.pid + ") is unhealthy: " + reason);
    events.emit("worker.unhealthy", slot.toJson().put("reason", reason));
    slot.process.destroyForcibly();
  }

  /** Asks every worker to drain and exit; kills those still running after drainTimeout. */
  Future<Void> stop() {
    stopping = true;
    List<Future<?>> exits = new ArrayList<>();
    for (Slot slot : slots) {
      Process p = slot.process;
      if (p == null || !p.isAlive()) {
        continue;
      }
      slot.state = WorkerState.DRAINING;
      if (slot.link != null) {
        Frames.message(slot.link, Frames.STOP, new JsonObject());
      } else {
        p.destroy();
      }
      Promise<Void> gone = Promise.promise();
      p.onExit().thenRun(() -> gone.tryComplete());
      exits.add(gone.future());
    }
    long drain = deployment.restart().drainTimeout().toMillis() + 500;
    long timer = context.owner().setTimer(drain, id -> slots.forEach(s -> {
      if (s.process != null && s.process.isAlive()) {
        System.err.println("jcl: worker " + s.index + " did not drain within " + drain + "ms; killing it");
        s.process.destroyForcibly();
      }
    }));
    return Future.join(exits).onComplete(ar -> context.owner().cancelTimer(timer)).mapEmpty();
  }

  /** Last resort on the JVM's way out: no worker outlives the primary. */
  void killAll() {
    for (Slot slot : slots) {
      if (slot.process != null) {
        slot.process.destroyForcibly();
      }
    }
  }

  JsonArray status() {
    JsonArray a = new JsonArray();
    slots.forEach(s -> a.add(s.toJson()));
    return a;
  }
}
