package io.jcl.cli;

import io.jcl.primary.RuntimeDir;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jcl reload [NAME] [--parallel K]}: the zero-downtime rolling restart onto the script as it is
 * now. Prints each slot's progress as the primary reports it; exit 0 when every slot was replaced.
 */
@Command(name = "reload", description = "Re-read the script and replace every worker without dropping a request: "
    + "exit 0 when every slot was replaced, 1 when the reload was refused or aborted.")
final class ReloadCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
  String name;

  @Option(names = "--parallel", paramLabel = "K", description = "slots replaced at a time (default: the script's restart.parallel)")
  Integer parallel;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RuntimeDir dir = RunningClusters.find(name);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunningClusters.Streamed streamed = RunningClusters.progress(dir, "/reload" + (parallel == null ? "" : "?parallel=" + parallel), e -> {
      out.println(describe(e));
      out.flush();
    });
    JsonObject r = streamed.result();
    if (r == null) {
      err.println(streamed.failure("reload"));
      return 1;
    }
    switch (r.getString("result")) {
      case "done" -> {
        out.println(r.containsKey("hosts") ? "reload done: each of the " + r.getInteger("hosts") + " hosts rolled in turn"
            : "reload done: every slot runs generation " + r.getInteger("generation"));
        return 0;
      }
      case "aborted" -> {
        err.println("jcl: reload aborted: " + r.getString("reason"));
        err.println("jcl: replaced (generation " + r.getInteger("generation") + "): " + r.getJsonArray("replaced").getList()
            + "; not replaced: " + r.getJsonArray("notReplaced").getList());
        return 1;
      }
      default -> {
        if (r.containsKey("problems")) {
          r.getJsonArray("problems").forEach(p -> err.println(p));
        }
        err.println("jcl: reload refused: " + r.getString("reason"));
        return 1;
      }
    }
  }

  /** One progress line as a person reads it. */
  static String describe(JsonObject e) {
    String slot = "slot " + e.getInteger("slot") + ": ";
    return switch (e.getString("event", "")) {
      case "reading" -> "reading " + e.getString("script");
      case "generation" -> "generation " + e.getInteger("generation") + " is valid; replacing "
          + e.getInteger("parallel") + " slot(s) at a time";
      case "starting" -> slot + "starting a generation " + e.getInteger("generation") + " worker";
      case "listening" -> slot + "pid " + e.getLong("pid") + " LISTENING after " + e.getLong("ms") + " ms";
      case "draining" -> slot + "old pid " + e.getLong("pid") + " draining";
      case "exited" -> slot + "old pid " + e.getLong("pid") + " exited after draining " + e.getLong("ms") + " ms";
      case "killed" -> slot + "old pid " + e.getLong("pid") + " killed: " + e.getString("reason");
      case "failed" -> slot + "FAILED: " + e.getString("reason");
      default -> e.encode();
    };
  }
}
