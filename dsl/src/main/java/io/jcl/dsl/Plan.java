package io.jcl.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every option's final value and where it came from — script default, script, environment or
 * {@code --set}, later layers winning. {@code jcl plan} prints it; workers receive its values.
 */
public final class Plan {

  public static final String DEFAULT = "default";
  public static final String SCRIPT = "script";

  /** One resolved option. */
  public record Value(Object value, String source, SourcePosition position) {
  }

  private final Map<String, Value> values;

  private Plan(Map<String, Value> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static Plan resolve(ScriptModel model, List<Layer> overrides) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Value> out = new LinkedHashMap<>();
    for (Option o : Options.all()) {
      out.put(o.key(), new Value(o.defaultValue(), DEFAULT, SourcePosition.external("default")));
    }
    out.put("cluster.name", new Value(defaultName(model.sourceName()), DEFAULT, SourcePosition.external("script file name")));
    model.settings().forEach((k, s) -> out.put(k, new Value(s.value(), SCRIPT, s.position())));
    for (Layer layer : overrides) {
      layer.values().forEach((key, raw) -> {
        SourcePosition at = SourcePosition.external(layer.origin().getOrDefault(key, layer.name()));
        Option option = Options.find(key).orElse(null);
        if (option == null) {
          String hint = DidYouMean.suggest(key, Options.all().stream().map(Option::key).toList())
              .map(s -> "; did you mean '" + s + "'?").orElse("");
          problems.add(new Problem(at, "unknown option '" + key + "'" + hint));
          return;
        }
        try {
          out.put(key, new Value(option.check(raw), layer.name(), at));
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(at, key + ": " + e.getMessage()));
        }
      });
    }
    if (!problems.isEmpty()) {
      throw new ScriptProblems(problems);
    }
    return new Plan(out);
  }

  /** A plan as a worker receives it: values only, already checked by the primary. */
  public static Plan ofValues(Map<String, Object> canonical) {
    Map<String, Value> out = new LinkedHashMap<>();
    canonical.forEach((k, v) -> out.put(k, new Value(v, "primary", SourcePosition.external("primary"))));
    return new Plan(out);
  }

  static String defaultName(String sourceName) {
    String base = sourceName.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    return base.endsWith(".groovy") ? base.substring(0, base.length() - ".groovy".length()) : base;
  }

  public Map<String, Value> entries() {
    return values;
  }

  public Object value(String key) {
    Value v = values.get(key);
    return v == null ? null : v.value();
  }

  public SourcePosition position(String key) {
    Value v = values.get(key);
    return v == null ? SourcePosition.UNKNOWN : v.position();
  }

  /** Canonical values only, in option order. */
  public Map<String, Object> values() {
    Map<String, Object> m = new LinkedHashMap<>();
    values.forEach((k, v) -> m.put(k, v.value()));
    return m;
  }
}
