package io.jcl.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import io.vertx.core.Vertx;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code worker { }}: the application every worker JVM runs — inline routes, verticles, IPC consumers.
 * The same object stays alive in the worker as the handlers' way to the cluster ({@code send},
 * {@code slot}, {@code vertx}).
 */
public final class WorkerSpec extends MessagingSpec {

  private static final Set<String> VERTICLE_KEYS = Set.of("instances", "config");

  private final List<HttpSpec> http = new ArrayList<>();
  private final List<VerticleRef> verticles = new ArrayList<>();
  private int slot = -1;
  private int generation;
  private Vertx vertx;

  WorkerSpec(ScriptContext ctx) {
    super(ctx, "worker.");
  }

  public void instances(int n) {
    assign("instances", n);
  }

  public void classpath(String... entries) {
    assign("classpath", List.of(entries));
  }

  public void http(@DelegatesTo(value = HttpSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    HttpSpec spec = new HttpSpec(ctx);
    http.add(spec);
    configure(spec, body);
  }

  /** A file next to the script: {@code verticle file('verticles/Hello.groovy')}. */
  public File file(String relative) {
    return ctx.scriptDir.resolve(relative).toFile();
  }

  public void verticle(String className) {
    verticle(Map.of(), className);
  }

  public void verticle(Map<String, ?> options, String className) {
    SourcePosition at = Positions.current();
    if (className.endsWith(".groovy") || className.endsWith(".java")) {
      ctx.problem(at, "'" + className + "' looks like a file: use verticle file('" + className + "')");
      return;
    }
    add(options, className, null, at);
  }

  public void verticle(File source) {
    verticle(Map.of(), source);
  }

  public void verticle(Map<String, ?> options, File source) {
    SourcePosition at = Positions.current();
    Path path = source.toPath();
    if (!path.toString().endsWith(".groovy")) {
      ctx.problem(at, "verticle file must be a .groovy source: " + ctx.scriptDir.relativize(path.toAbsolutePath()));
    } else if (!Files.isRegularFile(path)) {
      ctx.problem(at, "verticle file not found: " + ctx.scriptDir.relativize(path.toAbsolutePath()));
    } else {
      add(options, null, path, at);
    }
  }

  private void add(Map<String, ?> options, String className, Path file, SourcePosition at) {
    int instances = 1;
    Map<String, Object> config = Map.of();
    for (Map.Entry<String, ?> e : options.entrySet()) {
      Object v = e.getValue();
      switch (e.getKey()) {
        case "instances" -> {
          if (!(v instanceof Integer n) || n < 1 || n > 64) {
            ctx.problem(at, "verticle instances: expected a whole number from 1 to 64, got " + v);
            return;
          }
          instances = n;
        }
        case "config" -> {
          if (!(v instanceof Map<?, ?> m)) {
            ctx.problem(at, "verticle config: expected a map, got " + v);
            return;
          }
          Map<String, Object> copy = new LinkedHashMap<>();
          m.forEach((k, val) -> copy.put(String.valueOf(k), val));
          config = copy;
        }
        default -> {
          String hint = DidYouMean.suggest(e.getKey(), VERTICLE_KEYS).map(s -> "; did you mean '" + s + "'?").orElse("");
          ctx.problem(at, "unknown verticle option '" + e.getKey() + "'" + hint);
          return;
        }
      }
    }
    verticles.add(new VerticleRef(className, file, instances, config, at));
  }

  public void toPrimary(String address, Object body) {
    ipc().toPrimary(address, body);
  }

  /** This worker's slot (0..workers-1); -1 outside a running worker. */
  public int getSlot() {
    return slot;
  }

  /** The generation of the deployed script this worker runs: 1 until a reload brings a new one. */
  public int getGeneration() {
    return generation;
  }

  /** The worker's Vert.x instance; null outside a running worker. */
  public Vertx getVertx() {
    return vertx;
  }

  List<HttpSpec> httpBlocks() {
    return http;
  }

  List<VerticleRef> verticles() {
    return List.copyOf(verticles);
  }

  void attach(Vertx vertx, int slot, int generation, Ipc ipc) {
    this.vertx = vertx;
    this.slot = slot;
    this.generation = generation;
    bind(ipc);
  }
}
