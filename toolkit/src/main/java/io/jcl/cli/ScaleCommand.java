package io.jcl.cli;

import io.jcl.primary.RuntimeDir;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jcl scale [NAME] N}: adds or removes slots without dropping a request (new workers LISTENING
 * before they get connections, removed ones drained). Prints each slot's progress; exit 0 when the
 * cluster has N LISTENING workers. The script is not changed: a new {@code jcl run} starts its own count.
 */
@Command(name = "scale", description = "Add or remove workers without dropping a request: exit 0 when the cluster "
    + "has N workers, 1 when the scale was refused or stopped. The script is not rewritten.")
final class ScaleCommand implements Callable<Integer> {

  @Parameters(arity = "1..2", paramLabel = "[NAME] N")
  List<String> args;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String name = args.size() == 2 ? args.get(0) : null;
    int workers;
    try {
      workers = Integer.parseInt(args.get(args.size() - 1));
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "N must be a whole number, got '" + args.get(args.size() - 1) + "'");
    }
    RuntimeDir dir = RunningClusters.find(name);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunningClusters.Streamed streamed = RunningClusters.progress(dir, "/scale?workers=" + workers, e -> {
      out.println(describe(e));
      out.flush();
    });
    JsonObject r = streamed.result();
    if (r == null) {
      err.println(streamed.failure("scale"));
      return 1;
    }
    if ("done".equals(r.getString("result"))) {
      out.println("scale done: " + r.getInteger("workers") + " worker(s) LISTENING");
      return 0;
    }
    err.println("jcl: scale " + r.getString("result") + ": " + r.getString("reason")
        + (r.containsKey("workers") ? " (now " + r.getInteger("workers") + " worker(s))" : ""));
    return 1;
  }

  private static String describe(JsonObject e) {
    String slot = "slot " + e.getInteger("slot") + ": ";
    return switch (e.getString("event", "")) {
      case "scaling" -> "scaling from " + e.getInteger("from") + " to " + e.getInteger("to") + " worker(s)";
      case "draining" -> slot + "pid " + e.getLong("pid") + " draining (no new connections)";
      case "removed" -> slot + "pid " + e.getLong("pid") + " exited after " + e.getLong("ms") + " ms; slot removed";
      case "killed" -> slot + "pid " + e.getLong("pid") + " killed: " + e.getString("reason");
      default -> ReloadCommand.describe(e);
    };
  }
}
