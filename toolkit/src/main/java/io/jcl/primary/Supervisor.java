package io.jcl.primary;

import io.jcl.health.HealthCheck;
import io.jcl.health.RequestLimit;
import io.jcl.ipc.ControlHub;
import io.jcl.ipc.Frames;
import io.jcl.restart.CrashLoop;
import io.jcl.restart.Replacement;
import io.jcl.restart.Roll;
import io.jcl.restart.Scale;
import io.jcl.restart.SlotSet;
import io.jcl.transport.ClusterListener;
import io.jcl.transport.HandoffTarget;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Keeps one worker per slot alive: spawns, follows each through its lifecycle over the control link,
 * respawns the dead with backoff, marks crash-looping slots errored, replaces unhealthy workers, replaces
 * a worker that drains on its own (SIGTERM from outside), rolls every slot onto a new generation, adds
 * and removes slots ({@link Scale}), and
 * stops them all gracefully. All state is owned by the primary's context (Gunicorn's arbiter, on an
 * event loop instead of a sleep loop); the pace of a replacement lives in {@link Replacement} and
 * {@link Roll}.
 */
final class Supervisor implements ControlHub.Listener, SlotSet {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** A standby that keeps dying is a script problem the slots will report; stop booting spares. */
  private static final int STANDBY_MAX_FAILURES = 3;
  /** Beyond drainTimeout on a cluster stop: the worker's own exit path needs a moment too. */
  private static final long STOP_GRACE_MS = 500;
  /**
   * How often the workers are looked at between heartbeats: a stall shows in the handoff acknowledgements
   * within milliseconds, and a check every interval would add up to one interval to finding it.
   */
  private static final long CHECK_MS = 100;

  private final Context context;
  private final ClusterEvents events;
  private final ClusterListener publicListener;
  private final List<Slot> slots = new ArrayList<>();
  private final Map<Integer, Generation> generations = new HashMap<>();
  /** Every worker process not yet exited, and the ones waiting for their hello. */
  private final Map<Process, Worker> processes = new HashMap<>();
  private final Map<String, Worker> awaitingHello = new HashMap<>();
  private Function<NetSocket, Long> lastRead;
  private final Map<NetSocket, Worker> byLink = new HashMap<>();
  private final Promise<Void> allListening = Promise.promise();
  /** The newest generation: what reloads, spares and new slots run. */
  private Generation latest;
  private int highest;
  private HealthCheck health;
  private Standby standby;
  private int standbyFailures;
  private boolean rolling;
  private boolean stopping;

  /** @param publicListener the primary's listener under round-robin/sticky; null under os scheduling */
  Supervisor(Context context, Generation first, ClusterEvents events, ClusterListener publicListener) {
    this.context = context;
    this.publicListener = publicListener;
    this.events = events;
    this.latest = first;
    this.highest = first.number();
    this.generations.put(first.number(), first);
    this.health = new HealthCheck(first.deployment().health());
    for (int i = 0; i < first.deployment().cluster().workers(); i++) {
      slots.add(new Slot(i, new CrashLoop(first.deployment().restart())));
    }
  }

  /** Spawns every slot; completes when all are LISTENING (or fails when a slot errors first). */
  Future<Void> start() {
    slots.forEach(this::spawn);
    long check = Math.min(CHECK_MS, latest.deployment().health().interval().toMillis());
    context.owner().setPeriodic(check, check, id -> checkHeartbeats());
    return allListening.future();
  }

  int generation() {
    return latest.number();
  }

  /** A roll or a scale is under way: one at a time. */
  boolean rolling() {
    return rolling;
  }

  /**
   * Rolls every slot onto {@code next}, {@code parallel} at a time; the result says which slots were
   * replaced and, when aborted, why. The spare of the old generation is discarded first.
   */
  Future<Roll.Result> roll(Generation next, int parallel, Consumer<JsonObject> progress) {
    Generation previous = latest;
    generations.put(next.number(), next);
    highest = Math.max(highest, next.number());
    latest = next;
    health = new HealthCheck(next.deployment().health());
    rolling = true;
    discardStandby();
    standbyFailures = 0; // a new generation's spare gets its own chances
    var restart = next.deployment().restart();
    Replacement replacement = new Replacement(context, this, restart.readyTimeout().toMillis(),
        restart.drainTimeout().toMillis(), progress);
    return Roll.run(IntStream.range(0, slots.size()).boxed().toList(), parallel, i -> replacement.run(i, next.number()))
        .onComplete(ar -> {
          rolling = false;
          if (ar.succeeded() && !ar.result().done() && ar.result().replaced().isEmpty()) {
            // Not one worker of the new generation became ready: the spare, a scale-up and any slot
            // started from now on run the generation that serves, never the one that failed.
            latest = previous;
            health = new HealthCheck(previous.deployment().health());
          }
          launchStandby();
        });
  }

  /** The number the next reload's generation gets: above every generation read, used or not. */
  int nextGenerationNumber() {
    return highest + 1;
  }

  /**
   * Adds or removes slots until there are {@code workers}; the result says which and, when stopped, why.
   * A later roll replaces the slots that exist then.
   */
  Future<JsonObject> scale(int workers, Consumer<JsonObject> progress) {
    String invalid = Scale.invalid(workers);
    if (invalid != null || rolling || stopping) {
      return Future.succeededFuture(new JsonObject().put("result", "refused").put("reason",
          invalid != null ? invalid : stopping ? "the cluster is stopping" : "a reload or scale is already running"));
    }
    rolling = true;
    var restart = latest.deployment().restart();
    // The primary's log keeps every scale, whoever asked and whether or not they stayed to watch.
    Consumer<JsonObject> logged = e -> {
      System.out.println("jcl: scale: " + e.encode());
      events.emitStep("scaling".equals(e.getString("event")) ? "scale.start" : "scale.step", e);
      progress.accept(e);
    };
    return new Scale(context, this, restart.readyTimeout().toMillis(), restart.drainTimeout().toMillis(), logged)
        .to(workers, latest.number())
        .onComplete(ar -> {
          rolling = false;
          System.out.println("jcl: scale: " + ar.result().encode());
          events.emit("scale.done", ar.result().copy());
          launchStandby();
        });
  }

  /** Gives the slot a worker of the generation it ran (a respawn), or of the newest (its first). */
  private void spawn(Slot slot) {
    if (stopping || slot.retired) {
      return;
    }
    Generation gen = slot.current == null ? latest : generations.get(slot.current.generation);
    try {
      slot.current = launch(slot.index, gen, slot.current != null);
    } catch (IOException e) {
      slot.lastExit = "spawn failed: " + e.getMessage();
      respawnLater(slot);
    }
  }

  /** A worker for the slot: the standby when one of this generation is ready, else a new JVM. */
  private Worker launch(int slot, Generation gen) throws IOException {
    return launch(slot, gen, false);
  }

  /**
   * @param respawn the slot's worker died and nothing serves its share: the new one warms itself
   *                briefly (WorkerMain.warmUpBound), where a successor warms while its predecessor serves
   */
  private Worker launch(int slot, Generation gen, boolean respawn) throws IOException {
    if (standby != null && standby.ready && standby.generation == gen.number()) {
      return adopt(slot, standby, respawn);
    }
    String token = newToken();
    OutputPrefix prefix = new OutputPrefix("[w" + slot + "] ");
    OutputTail tail = new OutputTail();
    Process p = start(gen, slot, token, prefix, tail, respawn);
    prefix.set("[w" + slot + " " + p.pid() + "] ");
    Worker w = new Worker(p, slot, token, gen.number(), prefix, tail);
    processes.put(p, w);
    awaitingHello.put(token, w);
    events.emit("worker.spawned", describe(w));
    return w;
  }

  private Process start(Generation gen, int slot, String token, OutputPrefix prefix, OutputTail tail,
                        boolean respawn) throws IOException {
    Process p = gen.launcher().launch(slot, gen.number(), token, respawn);
    OutputPump.start(p.getInputStream(), System.out, prefix, tail);
    OutputPump.start(p.getErrorStream(), System.err, prefix, tail);
    p.onExit().thenAccept(done -> context.runOnContext(v -> processExited(done)));
    return p;
  }

  /** The standby becomes the slot's worker: same process, new identity. */
  private Worker adopt(int slot, Standby s, boolean respawn) {
    standby = null;
    Worker w = new Worker(s.process, slot, s.token, s.generation, s.prefix, s.tail);
    w.prefix.set("[w" + slot + " " + w.pid + "] ");
    w.link = s.link;
    processes.put(s.process, w);
    byLink.put(s.link, w);
    w.moveTo(WorkerState.ONLINE);
    attachFdLink(w, s.fdLink);
    Frames.message(s.link, Frames.ASSIGN, new JsonObject().put("slot", slot).put("generation", s.generation)
        .put("respawn", respawn));
    events.emit("worker.spawned", describe(w).put("standby", true));
    events.emit("worker.online", describe(w));
    return w;
  }

  /** Boots a spare worker of the newest generation in the background, if the script wants one. */
  private void launchStandby() {
    if (stopping || rolling || standby != null || !latest.deployment().cluster().jvm().standby()
        || standbyFailures >= STANDBY_MAX_FAILURES) {
      return;
    }
    String token = newToken();
    OutputPrefix prefix = new OutputPrefix("[standby] ");
    OutputTail tail = new OutputTail();
    try {
      Process p = start(latest, -1, token, prefix, tail, false);
      prefix.set("[standby " + p.pid() + "] ");
      standby = new Standby(p, token, prefix, tail, latest.number());
    } catch (IOException e) {
      standbyFailures++;
      System.err.println("jcl: standby worker did not start: " + e.getMessage());
    }
  }

  private void discardStandby() {
    if (standby != null && standby.generation != latest.number()) {
      Standby old = standby;
      standby = null;
      old.process.destroy(); // serves nothing: no drain needed
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
    Worker w = processes.remove(p);
    if (w == null) {
      return; // a discarded standby
    }
    Slot slot = slots.get(w.slot);
    w.exit = describeExit(p.exitValue()) + (w.unhealthy != null ? " (replaced: " + w.unhealthy + ")" : "");
    awaitingHello.remove(w.token);
    if (w.link != null) {
      byLink.remove(w.link);
    }
    w.moveTo(WorkerState.EXITED);
    attachFdLink(w, null);
    slot.crashLoop.exited(System.nanoTime() - w.spawnedNanos);
    try {
      events.emit("worker.exit", describe(w).put("reason", w.exit));
    } finally {
      w.exitAnnounced(); // whatever the event did: a roll or a stop waits on this
    }
    if (slot.retired) {
      slot.leaving.remove(w);
      slot.lastExit = w.exit;
      dropRetired();
      return;
    }
    if (slot.leaving.remove(w)) {
      System.out.println("jcl: worker " + w.slot + " (pid " + w.pid + ", generation " + w.generation + ") left: " + w.exit);
      return;
    }
    if (w == slot.successor) {
      slot.successor = null;
      System.err.println("jcl: worker " + w.slot + " (pid " + w.pid + ", generation " + w.generation
          + ") exited before it was LISTENING: " + w.exit);
      // No current worker: a slot being added by a scale, which removes it; nothing to respawn.
      if (slot.current != null && !slot.current.state().alive()) {
        respawnLater(slot);
      }
      return;
    }
    slot.lastExit = w.exit;
    if (stopping || w.leaving && slot.successor != null) {
      return; // stopping, or it drained on its own and its successor takes the slot
    }
    System.err.println("jcl: worker " + w.slot + " (pid " + w.pid + ") exited: " + w.exit);
    respawnLater(slot);
  }

  private void respawnLater(Slot slot) {
    if (stopping || slot.successor != null || slot.retired) {
      return;
    }
    var restart = latest.deployment().restart();
    if (!slot.crashLoop.allowRespawn(System.nanoTime())) {
      slot.errored = true;
      String why = "slot " + slot.index + " restarted more than " + restart.maxRestarts() + " times within "
          + restart.within().toSeconds() + "s; not respawning it (last exit: " + slot.lastExit + ")";
      slot.erroredReason = why;
      slot.lastOutput = slot.current == null ? List.of() : slot.current.tail.lines();
      System.err.println("jcl: " + why);
      events.emit("worker.errored", slot.toJson());
      allListening.tryFail(why);
      return;
    }
    slot.restarts++;
    long delay = Math.max(1, slot.crashLoop.delay().toMillis());
    System.err.println("jcl: slot " + slot.index + ": respawning in " + delay + " ms (restart "
        + slot.crashLoop.recentRestarts() + " of " + restart.maxRestarts() + " within " + restart.within().toSeconds() + "s)");
    events.emit("worker.respawn", new JsonObject().put("slot", slot.index)
        .put("pid", slot.current == null ? null : slot.current.pid).put("reason", slot.lastExit)
        .put("delayMs", delay).put("restarts", slot.restarts));
    context.owner().setTimer(delay, id -> spawn(slot));
  }

  private static String describeExit(int code) {
    return code > 128 ? "killed by signal " + (code - 128) : "exit code " + code;
  }

  @Override
  public boolean hello(JsonObject body, NetSocket link) {
    String token = body.getString("token");
    if (body.getInteger("slot", -2) == -1) {
      if (standby == null || standby.link != null || !standby.token.equals(token)) {
        return false;
      }
      standby.link = link;
      return true;
    }
    Worker w = token == null ? null : awaitingHello.get(token);
    if (w == null || w.slot != body.getInteger("slot", -2)) {
      return false;
    }
    awaitingHello.remove(token);
    w.link = link;
    byLink.put(link, w);
    w.moveTo(WorkerState.ONLINE);
    w.lastHeartbeatNanos = System.nanoTime();
    events.emit("worker.online", describe(w));
    return true;
  }

  @Override
  public void state(NetSocket link, JsonObject body) {
    String state = body.getString("state", "");
    if (standby != null && standby.link == link && "STANDBY".equals(state)) {
      standby.ready = true;
      return;
    }
    Worker w = byLink.get(link);
    if (w == null) {
      return;
    }
    if ("LISTENING".equals(state) && w.state() == WorkerState.ONLINE) {
      listening(w, body);
    } else if ("DRAINING".equals(state)) {
      drains(w);
    }
  }

  private void listening(Worker w, JsonObject body) {
    if (body.containsKey("port")) { // proxy handoff: the worker's private port is where its connections go
      w.target = HandoffTarget.proxied(w.slot, body.getInteger("port"));
    }
    w.moveTo(WorkerState.LISTENING); // a successor's replacement goes on from here
    w.requestLimit = RequestLimit.draw(generations.get(w.generation).deployment().health());
    w.servedBefore = body.getLong("served", 0L); // its warm-up: not the application's traffic
    publishTargets();
    events.emit("worker.listening", describe(w));
    if (slots.stream().allMatch(s -> s.state() == WorkerState.LISTENING)) {
      allListening.tryComplete();
    }
    // The spare boots once the slots are served: it never competes with a start for the CPU.
    if (allListening.future().isComplete()) {
      launchStandby();
    }
  }

  /**
   * The worker drains: because we asked, or on its own (SIGTERM from an operator, systemd, a container
   * runtime). On its own, it is replaced the zero-downtime way, except that it stopped taking
   * connections already.
   */
  private void drains(Worker w) {
    if (w.state() == WorkerState.ONLINE || w.state() == WorkerState.LISTENING) {
      w.moveTo(WorkerState.DRAINING);
      publishTargets();
    }
    Slot slot = slots.get(w.slot);
    if (w.leaving || stopping || w != slot.current) {
      return;
    }
    w.leaving = true;
    System.err.println("jcl: worker " + w.slot + " (pid " + w.pid + ") drains on its own (SIGTERM?); replacing it");
    slot.restarts++;
    var restart = generations.get(w.generation).deployment().restart();
    new Replacement(context, this, restart.readyTimeout().toMillis(), restart.drainTimeout().toMillis(), e -> { })
        .run(slot.index, w.generation)
        .onFailure(e -> System.err.println("jcl: " + e.getMessage()));
  }

  @Override
  public void heartbeat(NetSocket link, JsonObject sample) {
    Worker w = byLink.get(link);
    if (w == null) {
      return;
    }
    w.sampled(sample, System.nanoTime());
    if (w != slots.get(w.slot).current || w.state() != WorkerState.LISTENING || w.unhealthy != null) {
      return; // a leaving or starting worker is judged by its replacement, not its health
    }
    String breach = health.breach(sample);
    w.healthFailures = breach == null ? 0 : w.healthFailures + 1;
    if (breach != null && w.healthFailures >= health.config().failAfter()) {
      replaceUnhealthy(w, "unhealthy", breach + (w.healthFailures > 1 ? ", " + w.healthFailures + " times in a row" : ""));
      return;
    }
    String recycle = w.requestLimit == null ? null : w.requestLimit.reached(sample.getLong("served", 0L) - w.servedBefore);
    if (recycle != null) {
      replaceUnhealthy(w, "recycled", recycle);
    }
  }

  @Override
  public void closed(NetSocket link) {
    // The process exit is what counts (a worker exits when its link closes); nothing to do here.
  }

  // SlotSet: what a Replacement and a Scale ask for.

  @Override
  public int size() {
    return (int) slots.stream().filter(s -> !s.retired).count();
  }

  @Override
  public int addSlot() {
    Slot slot = new Slot(slots.size(), new CrashLoop(latest.deployment().restart()));
    slots.add(slot);
    return slot.index;
  }

  @Override
  public long retire(int index) {
    Slot slot = slots.get(index);
    discardSuccessor(index);
    slot.retired = true;
    publishTargets();
    Worker w = slot.current;
    return w != null && w.state().alive() ? w.pid : -1;
  }

  @Override
  public void dropRetired() {
    while (!slots.isEmpty()) {
      Slot top = slots.get(slots.size() - 1);
      if (!top.retired || top.workers().anyMatch(w -> w.state().alive())) {
        return;
      }
      slots.remove(slots.size() - 1);
      System.out.println("jcl: slot " + top.index + " removed");
    }
  }

  @Override
  public Future<Long> startSuccessor(int index, int generation) {
    Slot slot = slots.get(index);
    if (stopping) {
      return Future.failedFuture("the cluster is stopping");
    }
    if (slot.successor != null) {
      return Future.failedFuture("is already being replaced");
    }
    try {
      Worker w = launch(index, generations.get(generation));
      slot.successor = w;
      return w.listening().map(v -> w.pid);
    } catch (IOException e) {
      return Future.failedFuture("did not start: " + e.getMessage());
    }
  }

  @Override
  public void discardSuccessor(int index) {
    Slot slot = slots.get(index);
    Worker w = slot.successor;
    if (w != null) {
      slot.successor = null;
      w.leaving = true;
      slot.leaving.add(w);
      w.process.destroyForcibly();
    }
  }

  @Override
  public long promote(int index) {
    Slot slot = slots.get(index);
    if (slot.successor == null || slot.successor.state() != WorkerState.LISTENING) {
      throw new IllegalStateException("slot " + index + " has no LISTENING successor to promote");
    }
    int before = slot.current == null ? -1 : slot.current.generation;
    Worker old = slot.promote();
    slot.errored = false;
    if (slot.current.generation != before) {
      slot.crashLoop = new CrashLoop(latest.deployment().restart()); // a new generation's crashes are its own
    }
    publishTargets();
    return old == null ? -1 : old.pid;
  }

  @Override
  public Future<Void> drain(long pid) {
    Worker w = byPid(pid);
    if (w == null) {
      return Future.succeededFuture();
    }
    w.leaving = true;
    if (w.state() == WorkerState.ONLINE || w.state() == WorkerState.LISTENING) {
      w.moveTo(WorkerState.DRAINING);
      publishTargets();
    }
    if (w.link != null) {
      Frames.message(w.link, Frames.DRAIN, new JsonObject());
    } else {
      w.process.destroy(); // no link yet: SIGTERM, which a worker answers by draining too
    }
    return w.exited();
  }

  @Override
  public void kill(long pid) {
    Worker w = byPid(pid);
    if (w != null) {
      System.err.println("jcl: worker " + w.slot + " (pid " + pid + ") did not drain in time; killing it");
      w.process.destroyForcibly();
    }
  }

  /** A live worker by pid, or null. */
  private Worker byPid(long pid) {
    return processes.values().stream().filter(w -> w.pid == pid).findFirst().orElse(null);
  }

  /** An fd link came up: the kernel says which process holds it; a pid we did not spawn gets nothing. */
  void fdLinkUp(long pid, Channel link) {
    if (standby != null && standby.process.pid() == pid) {
      standby.fdLink = link;
      return;
    }
    Worker w = byPid(pid);
    if (w != null) {
      attachFdLink(w, link);
    } else {
      link.close();
    }
  }

  void fdLinkDown(Channel link) {
    processes.values().stream().filter(w -> w.fdLink == link).toList().forEach(w -> attachFdLink(w, null));
  }

  private void attachFdLink(Worker w, Channel link) {
    if (w.fdLink == link) {
      return;
    }
    w.fdLink = link;
    w.target = link == null ? null : new HandoffTarget(w.slot, link);
    publishTargets();
  }

  /**
   * Only each slot's current worker, LISTENING with an fd link, gets connections: never a successor
   * before it is promoted, never a draining one. The listener reads this snapshot.
   */
  private void publishTargets() {
    if (publicListener != null) {
      publicListener.publish(slots.stream().filter(s -> !s.retired).map(s -> s.current)
          .filter(w -> w != null && w.serving()).map(w -> w.target).toArray(HandoffTarget[]::new));
    }
  }

  /**
   * The later of its last heartbeat and the last read from its control link. A worker that published a
   * burst has its heartbeats queued behind it on the one link; the hub reads that burst only as fast as
   * the consumers take it (it stops reading a link whose own outbox is full), so the heartbeat can be
   * late while the worker is busy, not hung. A hung worker sends nothing: once its link has nothing more
   * to read, its last read ages like its last heartbeat.
   */
  private long lastHeard(Worker w) {
    Long read = lastRead == null || w.link == null ? null : lastRead.apply(w.link);
    return read != null && read - w.lastHeartbeatNanos > 0 ? read : w.lastHeartbeatNanos;
  }

  /** Where the last read from a worker's link is known (the control hub); set once the hub exists. */
  void hearFrom(Function<NetSocket, Long> lastRead) {
    this.lastRead = lastRead;
  }

  /**
   * Every {@link #CHECK_MS}: a current LISTENING worker that owes handoff acknowledgements for too long
   * (stalled: found within a fraction of a second under traffic) or whose heartbeat is late (found at
   * timeout, traffic or not) is replaced; a starting one not LISTENING within readyTimeout is killed
   * and respawned. Successors are timed by their replacement instead.
   */
  private void checkHeartbeats() {
    long now = System.nanoTime();
    for (Slot slot : slots) {
      Worker w = slot.current;
      if (w == null || w.unhealthy != null || w.leaving || slot.retired) {
        continue;
      }
      var readyTimeout = generations.get(w.generation).deployment().restart().readyTimeout();
      String stall = w.state() == WorkerState.LISTENING && w.target != null
          ? health.stalled(w.target.overdueNanos(now), w.target.unacknowledged()) : null;
      if (stall != null) {
        replaceUnhealthy(w, "unhealthy", stall);
      } else if (w.state() == WorkerState.LISTENING && health.late(lastHeard(w), now)) {
        replaceUnhealthy(w, "unhealthy", "no heartbeat for "
            + HealthCheck.millis(TimeUnit.NANOSECONDS.toMillis(now - w.lastHeartbeatNanos))
            + " and nothing else read from its link for " + HealthCheck.millis(TimeUnit.NANOSECONDS.toMillis(now - lastHeard(w))));
      } else if ((w.state() == WorkerState.STARTING || w.state() == WorkerState.ONLINE)
          && now - w.spawnedNanos > readyTimeout.toNanos()) {
        w.unhealthy = "not LISTENING within readyTimeout " + readyTimeout.toMillis() + "ms";
        System.err.println("jcl: worker " + w.slot + " (pid " + w.pid + ") is unhealthy: " + w.unhealthy);
        events.emit("worker.unhealthy", describe(w).put("reason", w.unhealthy));
        w.process.destroyForcibly(); // it serves nothing yet: a respawn loses nothing
      }
    }
  }

  /**
   * The worker is replaced the zero-downtime way: a successor LISTENING first, then it drains, killed
   * after drainTimeout (a stalled one never drains). Only if no successor comes up is it killed and its
   * slot respawned like a crashed one. An unhealthy worker gets no new connection from now on; a recycled
   * one (maxRequests) is healthy and serves until its successor does: stopping at once left a one-worker
   * cluster nothing to serve with while the successor started, and connections held past holdTimeout
   * were reset.
   *
   * @param kind "unhealthy" or "recycled" (maxRequests): the event and the status say which
   */
  private void replaceUnhealthy(Worker w, String kind, String reason) {
    if (w.unhealthy != null || stopping) {
      return;
    }
    w.unhealthy = reason;
    w.recycled = "recycled".equals(kind);
    publishTargets();
    Slot slot = slots.get(w.slot);
    slot.lastRestart = kind + ": " + reason;
    slot.lastRestartAt = System.currentTimeMillis();
    slot.lastRestartPid = w.pid;
    // What it may still fail: the requests it was serving, and the connections passed to it not taken yet.
    String owed = w.target == null || !w.target.passesFds() ? "" : "; it owes " + w.target.unacknowledged()
        + " connection(s) of " + w.target.handedOff() + " passed to it, had " + w.lastSample.getLong("connections", 0L)
        + " connection(s) open and " + w.lastSample.getLong("inFlight", 0L) + " request(s) in flight at its last heartbeat";
    System.err.println("jcl: worker " + w.slot + " (pid " + w.pid + ") is " + kind + ": " + reason + owed + "; replacing it");
    JsonObject verdict = describe(w).put("reason", reason)
        .put("connectionsAtLastHeartbeat", w.lastSample.getLong("connections"))
        .put("inFlightAtLastHeartbeat", w.lastSample.getLong("inFlight"));
    if (w.target != null && w.target.passesFds()) {
      verdict.put("owedConnections", w.target.unacknowledged());
    }
    events.emit("worker." + kind, verdict);
    if (slot.successor != null) {
      return; // a roll is replacing it already
    }
    slot.restarts++;
    var restart = generations.get(w.generation).deployment().restart();
    new Replacement(context, this, restart.readyTimeout().toMillis(), restart.drainTimeout().toMillis(),
        e -> System.out.println("jcl: replace " + kind + " slot " + w.slot + ": "
            + e.put("at", System.currentTimeMillis()).encode()))
        .run(slot.index, w.generation)
        .onFailure(e -> {
          System.err.println("jcl: " + e.getMessage() + "; killing the " + kind + " worker " + w.pid + " instead");
          w.process.destroyForcibly();
        });
  }

  /**
   * The cluster is stopping: nothing is replaced or respawned from here on, also while the balancer is
   * still being told (readyGrace) before {@link #stop}. A cgroup or process group signalled as a whole
   * (systemd's default KillMode, {@code timeout}) reaches the workers too: a worker that drains on its
   * own is then not replaced. (Its report can still come before the primary's own signal is handled:
   * that replacement is killed by the stop.)
   */
  void stopping() {
    stopping = true;
  }

  /** Asks every worker to drain and exit; kills those still running after drainTimeout. */
  Future<Void> stop() {
    stopping = true;
    if (standby != null) {
      standby.process.destroy(); // serves nothing: no drain needed
    }
    List<Future<Void>> exits = new ArrayList<>();
    for (Worker w : List.copyOf(processes.values())) {
      exits.add(drain(w.pid));
    }
    long drain = latest.deployment().restart().drainTimeout().toMillis() + STOP_GRACE_MS;
    long timer = context.owner().setTimer(drain, id -> List.copyOf(processes.values()).forEach(w -> kill(w.pid)));
    return Future.join(exits).onComplete(ar -> context.owner().cancelTimer(timer)).mapEmpty();
  }

  /** Last resort on the JVM's way out: no worker outlives the primary. Any thread. */
  void killAll() {
    Standby s = standby;
    if (s != null) {
      s.process.destroyForcibly();
    }
    ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
  }

  boolean allErrored() {
    return slots.stream().allMatch(s -> s.errored);
  }

  /** The spare worker, or null: {@code {"pid", "ready", "generation"}}. */
  JsonObject standbyStatus() {
    return standby == null ? null : new JsonObject().put("pid", standby.process.pid()).put("ready", standby.ready)
        .put("generation", standby.generation);
  }

  JsonArray status() {
    JsonArray a = new JsonArray();
    slots.forEach(s -> a.add(s.toJson()));
    return a;
  }

  private JsonObject describe(Worker w) {
    return w.toJson().put("slot", w.slot).put("restarts", slots.get(w.slot).restarts);
  }
}
