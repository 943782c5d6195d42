package io.jcl.cli;

import io.jcl.dsl.DeploymentLoader;
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
@Command(name = "plan", description = "Print the resolved configuration and each value's source as JSON.")
final class PlanCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override an option, e.g. cluster.workers=4")
  List<String> sets = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Plan plan;
    try {
      plan = DeploymentLoader.load(file, ConfigLayers.read(sets)).plan();
    } catch (ScriptProblems p) {
      ProblemLines.print(p, spec.commandLine().getErr());
      return 1;
    }
    JsonObject options = new JsonObject();
    plan.entries().forEach((key, v) -> options.put(key, new JsonObject()
        .put("value", v.value())
        .put("source", v.source())
        .put("at", v.position().toString())));
    spec.commandLine().getOut().println(new JsonObject().put("script", file.toString()).put("options", options).encodePrettily());
    return 0;
  }
}
