package io.jcl.primary;

import io.jcl.dsl.Deployment;
import io.jcl.health.HealthCheck;
import io.jcl.ipc.ControlHub;
import io.jcl.ipc.Frames;
import io.jcl.restart.CrashLoop;
import io.jcl.transport.HandoffTarget;
import io.jcl.transport.ClusterListener;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one worker per slot alive: spawns, follows each through its lifecycle over the control link,
 * respawns the dead with backoff, marks crash-looping slots errored, replaces unhealthy workers, and
 * stops them all gracefully. All state is owned by the primary's context (Gunicorn's arbiter, on an
 * event loop instead of a sleep loop).
 */
final class Supervisor implements ControlHub.Listener {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** A standby that keeps dying is a script problem the slots will report; stop booting spares. */
  private static final int STANDBY_MAX_FAILURES = 3;

  private final Context context;
  private final Deployment deployment;
  private final WorkerLauncher launcher;
  private final ClusterEvents events;
  private final HealthCheck health;
  private final List<Slot> slots = new ArrayList<>();
  private final Map<NetSocket, Slot> byLink = new HashMap<>();
  private final int generation = 1;
  private final Promise<Void> allListening = Promise.promise();
  private final ClusterListener publicListener;
  private Standby standby;
  private int standbyFailures;
  private boolean stopping;

  /** @param publicListener the primary's listener under round-robin/sticky; null under os scheduling */
  Supervisor(Context context, Deployment deployment, WorkerLauncher launcher, ClusterEvents events,
             ClusterListener publicListener) {
    this.context = context;
    this.publicListener = publicListener;
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

  /** Gives the slot a worker: the standby when one is ready, else a new JVM. */
  private void spawn(Slot slot) {
    if (stopping) {
      return;
    }
    slot.generation = generation;
    slot.unhealthy = null;
    slot.healthFailures = 0;
    slot.lastSample = new JsonObject();
    slot.startedAtMs = System.currentTimeMillis();
    slot.spawnedNanos = System.nanoTime();
    slot.startupMs = -1;
    slot.lastHeartbeatNanos = System.nanoTime();
    if (standby != null && standby.ready) {
      adopt(slot, standby);
      return;
    }
    slot.token = newToken();
    slot.state = WorkerState.STARTING;
    slot.link = null;
    slot.prefix = new OutputPrefix("[w" + slot.index + "] ");
    try {
      Process p = start(slot.index, slot.token, slot.prefix);
      slot.process = p;
      slot.pid = p.pid();
      slot.prefix.set("[w" + slot.index + " " + p.pid() + "] ");
    } catch (java.io.IOException e) {
      slot.process = null;
      slot.lastExit = "spawn failed: " + e.getMessage();
      exited(slot);
    }
  }

  private Process start(int slot, String token, OutputPrefix prefix) throws java.io.IOException {
    Process p = launcher.launch(slot, generation, token);
    OutputPump.start(p.getInputStream(), System.out, prefix);
    OutputPump.start(p.getErrorStream(), System.err, prefix);
    p.onExit().thenAccept(done -> context.runOnContext(v -> processExited(done)));
    return p;
  }

  /** The standby becomes the slot's worker: same process, new identity. */
  private void adopt(Slot slot, Standby s) {
    standby = null;
    slot.token = s.token;
    slot.process = s.process;
    slot.pid = s.process.pid();
    slot.link = s.link;
    slot.prefix = s.prefix;
    slot.prefix.set("[w" + slot.index + " " + slot.pid + "] ");
    slot.state = WorkerState.ONLINE;
    attachFdLink(slot, s.fdLink);
    byLink.put(s.link, slot);
    Frames.message(s.link, Frames.ASSIGN, new JsonObject().put("slot", slot.index).put("generation", generation));
    events.emit("worker.online", slot.toJson());
  }

  /** Boots a spare worker in the background, if the script wants one and none is there. */
  private void launchStandby() {
    if (stopping || standby != null || !deployment.cluster().jvm().standby()
        || standbyFailures >= STANDBY_MAX_FAILURES) {
      return;
    }
    String token = newToken();
    OutputPrefix prefix = new OutputPrefix("[standby] ");
    try {
      Process p = start(-1, token, prefix);
      prefix.set("[standby " + p.pid() + "] ");
      standby = new Standby(p, token, prefix);
    } catch (java.io.IOException e) {
      standbyFailures++;
      System.err.println("jcl: standby worker did not start: " + e.getMessage());
    }
  }

  private static String newToken() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private void processExited(Process p) {
    if (standby != null && standby.process == p) {
      standby = null;
      if (!stopping) {
        standbyFailures++;
        System.err.println("jcl: standby worker (pid " + p.pid() + ") exited: " + describeExit(p.exitValue()));
        context.owner().setTimer(1_000, id -> launchStandby());
      }
      return;
    }
    for (Slot slot : slots) {
      if (slot.process == p) {
        slot.lastExit = describeExit(p.exitValue()) + (slot.unhealthy != null ? " (replaced: " + slot.unhealthy + ")" : "");
        exited(slot);
        return;
      }
    }
  }

  private void exited(Slot slot) {
    slot.state = WorkerState.EXITED;
    attachFdLink(slot, null);
    if (slot.link != null) {
      byLink.remove(slot.link);
      slot.link = null;
    }
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
  public boolean hello(JsonObject body, NetSocket link) {
    String token = body.getString("token");
    int index = body.getInteger("slot", -2);
    if (index == -1) {
      if (standby == null || standby.link != null || !standby.token.equals(token)) {
        return false;
      }
      standby.link = link;
      return true;
    }
    if (index < 0 || index >= slots.size()) {
      return false;
    }
    Slot slot = slots.get(index);
    if (slot.token == null || !slot.token.equals(token) || slot.state != WorkerState.STARTING) {
      return false;
    }
    slot.link = link;
    byLink.put(link, slot);
    slot.state = WorkerState.ONLINE;
    slot.lastHeartbeatNanos = System.nanoTime();
    events.emit("worker.online", slot.toJson());
    return true;
  }

  @Override
  public void state(NetSocket link, JsonObject body) {
    String state = body.getString("state", "");
    if (standby != null && standby.link == link && "STANDBY".equals(state)) {
      standby.ready = true;
      return;
    }
    Slot slot = byLink.get(link);
    if (slot == null) {
      return;
    }
    if ("LISTENING".equals(state) && slot.state == WorkerState.ONLINE) {
      if (body.containsKey("port")) { // proxy handoff: the worker's private port is where its connections go
        slot.target = HandoffTarget.proxied(slot.index, body.getInteger("port"));
      }
      slot.state = WorkerState.LISTENING;
      slot.startupMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - slot.spawnedNanos);
      slot.lastHeartbeatNanos = System.nanoTime(); // heartbeats start now
      publishTargets();
      events.emit("worker.listening", slot.toJson());
      if (slots.stream().allMatch(s -> s.state == WorkerState.LISTENING)) {
        allListening.tryComplete();
      }
      // The spare boots once the slots are served: it never competes with a start for the CPU.
      if (allListening.future().isComplete()) {
        launchStandby();
      }
    }
  }

  @Override
  public void heartbeat(NetSocket link, JsonObject sample) {
    Slot slot = byLink.get(link);
    if (slot == null) {
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
  public void closed(NetSocket link) {
    // The process exit is what counts (a worker exits when its link closes); nothing to do here.
  }

  /** An fd link came up: the kernel says which process holds it; a pid we did not spawn gets nothing. */
  void fdLinkUp(long pid, Channel link) {
    if (standby != null && standby.process.pid() == pid) {
      standby.fdLink = link;
      return;
    }
    for (Slot slot : slots) {
      if (slot.process != null && slot.pid == pid && slot.state != WorkerState.EXITED) {
        attachFdLink(slot, link);
        return;
      }
    }
    link.close();
  }

  void fdLinkDown(Channel link) {
    for (Slot slot : slots) {
      if (slot.fdLink == link) {
        attachFdLink(slot, null);
      }
    }
  }

  private void attachFdLink(Slot slot, Channel link) {
    if (slot.fdLink == link) {
      return;
    }
    slot.fdLink = link;
    slot.target = link == null ? null : new HandoffTarget(slot.index, link);
    publishTargets();
  }

  /** Only LISTENING workers with an fd link get connections; the listener reads this snapshot. */
  private void publishTargets() {
    if (publicListener != null) {
      publicListener.publish(slots.stream()
          .filter(s -> s.state == WorkerState.LISTENING && s.target != null)
          .map(s -> s.target).toArray(HandoffTarget[]::new));
    }
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
    if (standby != null) {
      standby.process.destroy(); // serves nothing: no drain needed
    }
    List<Future<?>> exits = new ArrayList<>();
    for (Slot slot : slots) {
      Process p = slot.process;
      if (p == null || !p.isAlive()) {
        continue;
      }
      slot.state = WorkerState.DRAINING;
      publishTargets();
      if (slot.link != null) {
        Frames.message(slot.link, Frames.DRAIN, new JsonObject());
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
    if (standby != null) {
      standby.process.destroyForcibly();
    }
    for (Slot slot : slots) {
      if (slot.process != null) {
        slot.process.destroyForcibly();
      }
    }
  }

  boolean allErrored() {
    return slots.stream().allMatch(s -> s.state == WorkerState.ERRORED);
  }

  /** The spare worker, or null: {@code {"pid", "ready"}}. */
  JsonObject standbyStatus() {
    return standby == null ? null : new JsonObject().put("pid", standby.process.pid()).put("ready", standby.ready);
  }

  JsonArray status() {
    JsonArray a = new JsonArray();
    slots.forEach(s -> a.add(s.toJson()));
    return a;
  }
}
