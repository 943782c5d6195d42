package io.jcl.dsl;

import groovy.lang.Closure;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code primary { }}: handlers the primary runs — cluster events, periodic tasks, IPC consumers. */
public final class PrimarySpec extends MessagingSpec {

  /**
   * The cluster events a primary block can observe: every event the primary emits (its events log holds
   * nothing else), in the order of a worker's life, then rolls, scales, the cluster and its hosts.
   */
  public static final List<String> EVENTS = List.of(
      "worker.spawned", "worker.online", "worker.listening", "worker.unhealthy", "worker.recycled", "worker.exit",
      "worker.respawn", "worker.errored",
      "reload.start", "reload.step", "reload.done",
      "scale.start", "scale.step", "scale.done",
      "cluster.ready", "cluster.stopping",
      "host.joined", "host.left");

  private final List<EventHandler> handlers = new ArrayList<>();
  private final List<PeriodicTask> tasks = new ArrayList<>();

  PrimarySpec(ScriptContext ctx) {
    super(ctx, "primary.");
  }

  public void on(String event,
                 @ClosureParams(value = SimpleType.class, options = "io.vertx.core.json.JsonObject") Closure<?> handler) {
    SourcePosition at = Positions.current();
    if (!EVENTS.contains(event)) {
      String hint = DidYouMean.suggest(event, EVENTS).map(s -> "; did you mean '" + s + "'?").orElse("");
      ctx.problem(at, "unknown cluster event '" + event + "'" + hint);
      return;
    }
    handlers.add(new EventHandler(event, handler, at));
  }

  public void every(Duration period, Closure<?> task) {
    SourcePosition at = Positions.current();
    if (period.toMillis() < 1) {
      ctx.problem(at, "every: the period must be at least 1ms, got " + Durations.format(period));
      return;
    }
    tasks.add(new PeriodicTask(period, task, at));
  }

  public void every(String period, Closure<?> task) {
    try {
      every(Durations.parse(period), task);
    } catch (IllegalArgumentException e) {
      ctx.problem(Positions.current(), "every: " + e.getMessage());
    }
  }

  public void toWorker(int slot, String address, Object body) {
    ipc().toWorker(slot, address, body);
  }

  List<EventHandler> handlers() {
    return List.copyOf(handlers);
  }

  List<PeriodicTask> tasks() {
    return List.copyOf(tasks);
  }

  /** {@code on('worker.exit') { event -> ... }}. */
  public record EventHandler(String event, Closure<?> handler, SourcePosition position) {
  }

  /** {@code every(10.s) { ... }}. */
  public record PeriodicTask(Duration period, Closure<?> task, SourcePosition position) {
  }
}
