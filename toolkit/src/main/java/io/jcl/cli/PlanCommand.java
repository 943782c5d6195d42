package io.jcl.cli;

import io.jcl.dsl.Deployment;
import io.jcl.dsl.DeploymentLoader;
import io.jcl.primary.WorkerLauncher;
import io.jcl.primary.WorkerSizing;
import io.vertx.core.json.JsonArray;
import io.jcl.dsl.Plan;
import io.jcl.dsl.ScriptProblems;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jcl plan FILE}: the resolved configuration as JSON, with where each value came from. */
@Command(name = "plan", description = "Print the resolved configuration and each value's source as JSON, and the JVM flags jcl derives with why.")
final class PlanCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override an option, e.g. cluster.workers=4")
  List<String> sets = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Deployment deployment;
    try {
      deployment = DeploymentLoader.load(file, ConfigLayers.read(sets));
    } catch (ScriptProblems p) {
      ProblemLines.print(p, spec.commandLine().getErr());
      return 1;
    }
    Plan plan = deployment.plan();
    JsonObject options = new JsonObject();
    plan.entries().forEach((key, v) -> options.put(key, new JsonObject()
        .put("value", v.value())
        .put("source", v.source())
        .put("at", v.position().toString())));
    spec.commandLine().getOut().println(new JsonObject().put("script", file.toString()).put("options", options)
        .put("jvm", jvm(deployment)).encodePrettily());
    return 0;
  }

  /**
   * The JVMs' derived settings on this host, each with why it was chosen: the worker's flags as they go
   * on its command line (the script's options after them, as written), its environment, and the primary's.
   */
  static JsonObject jvm(Deployment d) {
    WorkerSizing sizing = WorkerSizing.of(d, WorkerLauncher.workerJavaVersion(d.cluster().jvm().java()));
    JsonArray flags = new JsonArray();
    sizing.flags().forEach(c -> flags.add(new JsonObject().put("flag", c.value()).put("why", c.why())));
    d.cluster().jvm().options().forEach(o -> flags.add(new JsonObject().put("flag", o).put("why", "jvm { options } in the script")));
    JsonObject env = new JsonObject();
    sizing.env().forEach((k, c) -> env.put(k, new JsonObject().put("value", c.value()).put("why", c.why())));
    d.cluster().env().forEach((k, v) -> env.put(k, new JsonObject().put("value", v).put("why", "cluster { env } in the script")));
    JsonArray primary = new JsonArray();
    RunCommand.primaryFlags(Runtime.version()).forEach(f -> primary.add(f));
    RunCommand.primaryArchive(d).forEach(f -> primary.add(f));
    return new JsonObject()
        .put("worker", new JsonObject().put("flags", flags).put("env", env)
            .put("commandLine", String.join(" ", sizing.commandLine(d))))
        .put("primary", new JsonObject().put("flags", primary).put("why", "it supervises and accepts: Serial, a heap "
            + "that starts at 16 MB and is given back after the script's compile, two malloc arenas, the "
            + "native heap trimmed every 5 s, the JDK's CDS archive at its own address (shared with the workers); "
            + "detached, it starts from the workers' AppCDS archive once there is one"));
  }
}
