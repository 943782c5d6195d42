package io.jcl.primary;

import io.jcl.dsl.Deployment;
import io.jcl.dsl.DeploymentLoader;
import io.jcl.dsl.Layer;
import io.jcl.dsl.Problem;
import io.jcl.dsl.ScriptProblems;
import io.jcl.restart.Roll;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code jcl reload}, SIGHUP and {@code POST /reload}: reads the script again, with the same overrides
 * as {@code jcl run}, as a new generation, and rolls every slot onto it. A script that does not validate,
 * or changes what only a new primary can change, is refused and nothing restarts. One reload at a time.
 */
final class Reload {

  /**
   * What the primary itself holds open or sized from the first reading (listener, hub, slots): a reload
   * that changes one is refused instead of silently ignoring it.
   */
  private static final List<Fixed> FIXED = List.of(
      new Fixed("cluster.name", c -> c.name()),
      new Fixed("cluster.host", c -> c.host()),
      new Fixed("cluster.port", c -> c.port()),
      new Fixed("cluster.workers", c -> c.workers()),
      new Fixed("cluster.scheduling", c -> c.scheduling()),
      new Fixed("cluster.sticky.by", c -> c.stickyBy()),
      new Fixed("cluster.handoff", c -> c.handoff()),
      new Fixed("cluster.acceptors", c -> c.acceptors()),
      new Fixed("cluster.ipc.maxFrame", c -> c.ipcMaxFrame()),
      new Fixed("cluster.ipc.maxQueued", c -> c.ipcMaxQueued()));

  private record Fixed(String key, Function<Deployment.ClusterConfig, Object> value) {
  }

  private final Context context;
  private final RuntimeDir dir;
  private final Path script;
  private final List<Layer> layers;
  private final Deployment first;
  private final Supervisor supervisor;
  private final ClusterEvents events;
  private boolean running;

  Reload(Context context, RuntimeDir dir, Path script, List<Layer> layers, Deployment first, Supervisor supervisor,
         ClusterEvents events) {
    this.context = context;
    this.dir = dir;
    this.script = script;
    this.layers = layers;
    this.first = first;
    this.supervisor = supervisor;
    this.events = events;
  }

  /**
   * Runs one reload on the primary's context; {@code progress} sees each step, the result is the last
   * word: {@code {"result": "done" | "aborted" | "refused", ...}}.
   *
   * @param parallel slots at a time, or null for the new script's {@code restart.parallel}
   */
  Future<JsonObject> run(Integer parallel, Consumer<JsonObject> caller) {
    // The primary's log keeps every roll, whoever asked and whether or not they stayed to watch.
    Consumer<JsonObject> progress = e -> {
      System.out.println("jcl: reload: " + e.encode());
      events.emitStep("reading".equals(e.getString("event")) ? "reload.start" : "reload.step", e);
      caller.accept(e);
    };
    if (running || supervisor.rolling()) {
      return Future.succeededFuture(refused("a reload or scale is already running"));
    }
    int workers = supervisor.size(); // a reload rolls the slots there are (a scale may have changed them)
    if (parallel != null && (parallel < 1 || parallel > workers)) {
      return Future.succeededFuture(refused("--parallel must be between 1 and the " + workers + " workers, got " + parallel));
    }
    running = true;
    int number = supervisor.nextGenerationNumber();
    progress.accept(new JsonObject().put("event", "reading").put("script", script.toString()));
    // Compiling the script and writing its classes block: never on the event loop.
    return context.owner().executeBlocking(() -> read(number))
        .compose(gen -> {
          // The script's own restart.parallel was checked against its workers when it was read.
          int k = parallel != null ? parallel : gen.deployment().restart().parallel();
          progress.accept(new JsonObject().put("event", "generation").put("generation", number).put("parallel", k));
          return supervisor.roll(gen, k, progress).map(r -> result(number, r));
        }, e -> Future.succeededFuture(e instanceof ScriptProblems p ? refused(p.problems()) : refused(String.valueOf(e.getMessage()))))
        .onComplete(ar -> {
          running = false;
          if (ar.succeeded()) {
            System.out.println("jcl: reload: " + ar.result().encode());
            events.emit("reload.done", ar.result().copy());
          }
        });
  }

  /** On a worker thread: the script compiled, checked and written as generation {@code number}. */
  private Generation read(int number) throws Exception {
    Deployment next = DeploymentLoader.load(script, layers);
    List<Problem> fixed = new ArrayList<>();
    for (Fixed f : FIXED) {
      Object was = f.value().apply(first.cluster());
      Object now = f.value().apply(next.cluster());
      if (!Objects.equals(was, now)) {
        fixed.add(new Problem(next.plan().position(f.key()), f.key() + " changed (" + was + " -> " + now
            + "): a reload cannot apply it; stop and run the cluster again"));
      }
    }
    if (!fixed.isEmpty()) {
      throw new ScriptProblems(fixed);
    }
    GenerationFiles.write(dir, number, next);
    HeapShrink.afterCompile();
    return new Generation(number, next, new WorkerLauncher(next, dir));
  }

  private static JsonObject result(int generation, Roll.Result r) {
    JsonObject j = new JsonObject()
        .put("result", r.done() ? "done" : "aborted")
        .put("generation", generation)
        .put("replaced", new JsonArray(r.replaced()))
        .put("notReplaced", new JsonArray(r.notReplaced()));
    return r.done() ? j : j.put("reason", r.abortReason());
  }

  private static JsonObject refused(String reason) {
    return new JsonObject().put("result", "refused").put("reason", reason);
  }

  private static JsonObject refused(List<Problem> problems) {
    JsonArray lines = new JsonArray();
    problems.forEach(p -> lines.add(p.toString()));
    return refused("the script has problems; nothing restarted").put("problems", lines);
  }
}
