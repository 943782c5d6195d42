package io.jcl.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A script after evaluation: the settings it wrote (one layer of the plan) and the blocks it declared.
 * Evaluation runs the script body; blocks only record, nothing starts.
 */
public final class ScriptModel {

  private final CompiledScript compiled;
  private final Map<String, Setting> settings;
  private final WorkerApp worker;
  private final PrimaryApp primary;
  private final SourcePosition workerBlock;
  private final SourcePosition stickyBlock;
  private final SourcePosition verifyBlock;
  private final List<VerifyRequest> verifyRequests;
  private final List<VerifyEvent> verifyEvents;

  private ScriptModel(CompiledScript compiled, ScriptContext ctx) {
    this.compiled = compiled;
    this.settings = Map.copyOf(ctx.settings);
    this.worker = ctx.worker == null ? null : new WorkerApp(ctx.worker);
    this.primary = ctx.primary == null ? PrimaryApp.NONE : new PrimaryApp(ctx.primary);
    this.workerBlock = ctx.blocksSeen.get("worker");
    this.stickyBlock = ctx.stickyBlock;
    this.verifyBlock = ctx.blocksSeen.get("verify");
    this.verifyRequests = List.copyOf(ctx.verifyRequests);
    this.verifyEvents = List.copyOf(ctx.verifyEvents);
  }

  /** Runs the script once; every problem found (not just the first) is thrown together. */
  public static ScriptModel evaluate(CompiledScript compiled, ClassLoader parent) {
    ScriptContext ctx = new ScriptContext(compiled.sourceName(), compiled.scriptDir());
    Positions.track(compiled.sourceName());
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try {
      ClusterScript script = compiled.load(parent).getDeclaredConstructor().newInstance();
      script.ctx = ctx;
      Thread.currentThread().setContextClassLoader(script.getClass().getClassLoader());
      script.run();
    } catch (ScriptProblems p) {
      ctx.problems.addAll(p.problems());
    } catch (ReflectiveOperationException e) {
      ctx.problem(SourcePosition.external(compiled.sourceName()), "cannot instantiate script: " + e);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      ctx.problem(Positions.current(), "error while evaluating the script: " + describe(e));
    } finally {
      Positions.stop();
      Thread.currentThread().setContextClassLoader(previous);
    }
    if (ctx.worker == null && ctx.problems.isEmpty()) {
      ctx.problem(new SourcePosition(compiled.sourceName(), 1, 1),
          "the script has no worker { } block: declare what each worker runs");
    }
    if (!ctx.problems.isEmpty()) {
      throw new ScriptProblems(new ArrayList<>(ctx.problems));
    }
    return new ScriptModel(compiled, ctx);
  }

  private static String describe(Throwable e) {
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : e.getMessage() + " (" + type + ")";
  }

  public CompiledScript compiled() {
    return compiled;
  }

  public String sourceName() {
    return compiled.sourceName();
  }

  public Path scriptDir() {
    return compiled.scriptDir();
  }

  /** The script's own layer of the plan. */
  public Map<String, Setting> settings() {
    return settings;
  }

  public WorkerApp worker() {
    return worker;
  }

  public PrimaryApp primary() {
    return primary;
  }

  SourcePosition workerBlock() {
    return workerBlock;
  }

  /** Where {@code verify { }} was written, or null when the script has none. */
  public SourcePosition verifyBlock() {
    return verifyBlock;
  }

  /** The requests {@code verify { }} declared, in order; empty for the default GET /. */
  public List<VerifyRequest> verifyRequests() {
    return verifyRequests;
  }

  /** The scale and kill events {@code verify { }} declared, in order. */
  public List<VerifyEvent> verifyEvents() {
    return verifyEvents;
  }

  /** Where {@code sticky { }} was written, or null. */
  SourcePosition stickyBlock() {
    return stickyBlock;
  }
}
