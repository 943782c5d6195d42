package io.jcl.primary;

import io.jcl.dsl.CompiledScript;
import io.jcl.dsl.Deployment;
import io.jcl.dsl.Plan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one generation of workers starts from, written once by the primary: the compiled script and the
 * resolved plan. A worker reads both and never compiles or re-resolves, so all workers of a generation
 * agree and start fast.
 */
public final class GenerationFiles {

  private GenerationFiles() {
  }

  public static void write(RuntimeDir dir, int generation, Deployment d) throws IOException {
    Files.createDirectories(dir.generation(generation));
    CompiledScript compiled = d.script().compiled();
    compiled.writeTo(dir.classesDir(generation));
    JsonObject plan = new JsonObject()
        .put("script", new JsonObject()
            .put("source", compiled.sourceName())
            .put("dir", compiled.scriptDir().toString())
            .put("mainClass", compiled.mainClass()))
        .put("values", new JsonObject(new LinkedHashMap<>(d.plan().values())));
    Files.writeString(dir.planFile(generation), plan.encodePrettily());
  }

  /** The compiled script and plan values of a generation, as a worker reads them. */
  public record Read(CompiledScript compiled, Plan plan) {
  }

  public static Read read(RuntimeDir dir, int generation) throws IOException {
    JsonObject json = new JsonObject(Files.readString(dir.planFile(generation)));
    JsonObject script = json.getJsonObject("script");
    CompiledScript compiled = CompiledScript.readFrom(dir.classesDir(generation), script.getString("source"),
        Path.of(script.getString("dir")), script.getString("mainClass"));
    Map<String, Object> values = new LinkedHashMap<>();
    json.getJsonObject("values").forEach(e -> values.put(e.getKey(), plain(e.getValue())));
    return new Read(compiled, Plan.ofValues(values));
  }

  private static Object plain(Object v) {
    if (v instanceof JsonArray a) {
      return a.getList();
    }
    if (v instanceof JsonObject o) {
      return o.getMap();
    }
    return v;
  }
}
