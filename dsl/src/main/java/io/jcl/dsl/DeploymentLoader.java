package io.jcl.dsl;

import java.nio.file.Path;
import java.util.List;

/** Script file to checked model in one call: compile, evaluate, layer the overrides, validate. */
public final class DeploymentLoader {

  private DeploymentLoader() {
  }

  public static Deployment load(Path script, List<Layer> overrides) {
    CompiledScript compiled = ScriptCompiler.compile(script);
    ScriptModel model = ScriptModel.evaluate(compiled, DeploymentLoader.class.getClassLoader());
    return Deployment.of(Plan.resolve(model, overrides), model);
  }
}
