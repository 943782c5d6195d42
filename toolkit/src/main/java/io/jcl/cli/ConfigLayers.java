package io.jcl.cli;

import io.jcl.dsl.Layer;
import io.jcl.dsl.Option;
import io.jcl.dsl.Options;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layers above the script, read with vertx-config: the {@code JCL_*} environment (one variable per
 * option, e.g. {@code JCL_CLUSTER_WORKERS}), then {@code --set key=value}, later winning.
 */
final class ConfigLayers {

  /** JCL_ variables that are not options: set by jcl itself or for it. */
  private static final Set<String> RESERVED = Set.of("JCL_HOME", "JCL_SLOT", "JCL_GENERATION", "JCL_RUNTIME_DIR",
      "JCL_TOKEN", "JCL_DEBUG", "JCL_JAVA", "JCL_JAVA_OPTS", "JCL_TRACE_STARTUP");

  private ConfigLayers() {
  }

  static List<Layer> read(List<String> sets) {
    List<Layer> layers = new ArrayList<>();
    layers.add(environment());
    layers.add(commandLine(sets));
    return layers;
  }

  private static Layer environment() {
    JsonArray keys = new JsonArray();
    Options.all().forEach(o -> keys.add(o.envName()));
    Vertx vertx = Vertx.vertx();
    try {
      ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions().setScanPeriod(-1)
          .addStore(new ConfigStoreOptions().setType("env")
              .setConfig(new JsonObject().put("raw-data", true).put("keys", keys))));
      JsonObject env = retriever.getConfig().await();
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, String> origin = new LinkedHashMap<>();
      for (Option o : Options.all()) {
        Object v = env.getValue(o.envName());
        if (v != null) {
          values.put(o.key(), v.toString());
          origin.put(o.key(), "env " + o.envName());
        }
      }
      System.getenv().keySet().stream()
          .filter(n -> n.startsWith("JCL_") && !RESERVED.contains(n) && Options.byEnvName(n).isEmpty())
          .forEach(n -> System.err.println("jcl: warning: " + n + " is not a jcl option variable; ignored"));
      return new Layer("env", values, origin);
    } finally {
      vertx.close();
    }
  }

  private static Layer commandLine(List<String> sets) {
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--set takes key=value, got '" + s + "'");
      }
      String key = s.substring(0, eq).trim();
      values.put(key, s.substring(eq + 1));
      origin.put(key, "--set " + key);
    }
    return new Layer("--set", values, origin);
  }
}
