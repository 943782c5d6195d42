package io.jcl.cli;

import io.jcl.dsl.CompiledScript;
import io.jcl.dsl.Deployment;
import io.jcl.dsl.Layer;
import io.jcl.dsl.Plan;
import io.jcl.dsl.Problem;
import io.jcl.dsl.ScriptCompiler;
import io.jcl.dsl.ScriptModel;
import io.jcl.dsl.ScriptProblems;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Script to model for the CLI commands, with problems printed one per line as {@code file:line:col: message}. */
final class Scripts {

  private Scripts() {
  }

  static Deployment load(Path script, List<Layer> layers) {
    CompiledScript compiled = ScriptCompiler.compile(script);
    ScriptModel model = ScriptModel.evaluate(compiled, Scripts.class.getClassLoader());
    return Deployment.of(Plan.resolve(model, layers), model);
  }

  static void print(ScriptProblems p, PrintWriter err) {
    for (Problem problem : p.problems()) {
      err.println(problem);
    }
    err.flush();
  }
}
