package io.jcl.dsl;

import java.time.Duration;
import java.util.List;

/**
 * One setting of a deployment: its dotted key (as used by {@code --set} and {@code JCL_*} variables),
 * type, default, bounds and the line the README shows for it.
 *
 * @param min lower bound in canonical form (a number, or a duration/size string), or null
 * @param max upper bound in canonical form, or null
 */
public record Option(String key, OptionType type, Object defaultValue, List<String> choices,
                     Object min, Object max, String doc) {

  /** The environment variable that overrides this option: cluster.jvm.heap -> JCL_CLUSTER_JVM_HEAP. */
  public String envName() {
    StringBuilder sb = new StringBuilder("JCL_");
    for (char c : key.toCharArray()) {
      if (c == '.') {
        sb.append('_');
      } else if (Character.isUpperCase(c)) {
        sb.append('_').append(c);
      } else {
        sb.append(Character.toUpperCase(c));
      }
    }
    return sb.toString();
  }

  /** Canonical value after type conversion and bounds; throws IllegalArgumentException with the reason. */
  public Object check(Object raw) {
    Object value = type.canonical(raw);
    if (value == null) {
      return null;
    }
    if (type == OptionType.CHOICE && !choices.contains(value)) {
      String hint = DidYouMean.suggest(value.toString(), choices).map(s -> "; did you mean '" + s + "'?").orElse("");
      throw new IllegalArgumentException("'" + value + "' is not one of " + String.join(", ", choices) + hint);
    }
    if (min != null && compare(value, min) < 0) {
      throw new IllegalArgumentException(value + " is below the minimum " + min);
    }
    if (max != null && compare(value, max) > 0) {
      throw new IllegalArgumentException(value + " is above the maximum " + max);
    }
    return value;
  }

  private int compare(Object value, Object bound) {
    return switch (type) {
      case INT, DOUBLE, WORKERS -> value instanceof Number n
          ? Double.compare(n.doubleValue(), ((Number) bound).doubleValue()) : 0;
      case DURATION -> Durations.parse(value.toString()).compareTo(Durations.parse(bound.toString()));
      case SIZE -> Long.compare(Size.parse(value.toString()).bytes(), Size.parse(bound.toString()).bytes());
      case PERCENT -> Double.compare(Percent.parse(value.toString()).value(), Percent.parse(bound.toString()).value());
      default -> 0;
    };
  }

  public static Duration duration(Object canonical) {
    return canonical == null ? null : Durations.parse(canonical.toString());
  }
}
