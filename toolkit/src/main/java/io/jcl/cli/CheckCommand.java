package io.jcl.cli;

import io.jcl.dsl.DeploymentLoader;
import io.jcl.dsl.ScriptProblems;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jcl check FILE...}: validates scripts for CI; one {@code file:line:col: message} line per problem. */
@Command(name = "check", description = "Validate deployment scripts: exit 0 when all are valid, 1 otherwise.")
final class CheckCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "deployment scripts (.groovy)")
  List<Path> files;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int bad = 0;
    for (Path f : files) {
      try {
        // No environment or --set layer: a check must mean the same on every machine.
        DeploymentLoader.load(f, List.of());
        out.println("ok " + f);
      } catch (ScriptProblems p) {
        bad++;
        ProblemLines.print(p, err);
      } catch (RuntimeException | LinkageError e) {
        bad++;
        err.println(f + ": internal error: " + e);
      }
    }
    out.flush();
    if (bad > 0) {
      err.println(bad + " of " + files.size() + " scripts have problems");
    }
    return bad == 0 ? 0 : 1;
  }
}
