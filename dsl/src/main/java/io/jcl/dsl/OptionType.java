package io.jcl.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an option's value is read from a script, the environment or {@code --set}, and written in the
 * JSON plan. Values are kept in one canonical JSON-friendly form (durations as "500ms", sizes as "256m")
 * so every layer compares and merges alike; the typed model parses them once more at the end.
 */
public enum OptionType {
  INT("a whole number"),
  WORKERS("a whole number or auto"),
  DOUBLE("a number"),
  BOOL("true or false"),
  STRING("a string"),
  CHOICE("one of the listed values"),
  DURATION("a duration such as 500.ms or '2s'"),
  SIZE("a size such as 256.mb or '256m'"),
  PERCENT("a percentage such as 90.percent or '90%'"),
  STRINGS("a list of strings"),
  MAP("a map of names to strings");

  private final String expected;

  OptionType(String expected) {
    this.expected = expected;
  }

  public String expected() {
    return expected;
  }

  /** Reads a raw value into canonical form; throws IllegalArgumentException with a user-facing message. */
  public Object canonical(Object raw) {
    if (raw == null) {
      return null;
    }
    return switch (this) {
      case INT -> toInt(raw);
      case WORKERS -> raw instanceof CharSequence s && s.toString().trim().equalsIgnoreCase("auto")
          ? "auto" : toInt(raw);
      case DOUBLE -> raw instanceof Number n ? n.doubleValue() : parseDouble(raw.toString());
      case BOOL -> toBool(raw);
      case STRING, CHOICE -> raw.toString();
      case DURATION -> Durations.format(raw instanceof Duration d ? d : Durations.parse(raw.toString()));
      case SIZE -> (raw instanceof Size s ? s : Size.parse(raw.toString())).canonical();
      case PERCENT -> (raw instanceof Percent p ? p : raw instanceof Number n
          ? new Percent(n.doubleValue()) : Percent.parse(raw.toString())).canonical();
      case STRINGS -> toStrings(raw);
      case MAP -> toMap(raw);
    };
  }

  private Object toInt(Object raw) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
      return ((Number) raw).intValue();
    }
    try {
      return Integer.parseInt(raw.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + expected + ", got '" + raw + "'");
    }
  }

  private double parseDouble(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + expected + ", got '" + s + "'");
    }
  }

  private Object toBool(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    String s = raw.toString().trim().toLowerCase();
    return switch (s) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("expected " + expected + ", got '" + raw + "'");
    };
  }

  private static List<String> toStrings(Object raw) {
    List<String> out = new ArrayList<>();
    if (raw instanceof Iterable<?> it) {
      it.forEach(o -> out.add(String.valueOf(o)));
    } else {
      // From the environment or --set: a comma-separated list.
      for (String part : raw.toString().split(",")) {
        if (!part.isBlank()) out.add(part.trim());
      }
    }
    return out;
  }

  private static Map<String, String> toMap(Object raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    } else {
      for (String part : raw.toString().split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("expected NAME=VALUE pairs separated by commas, got '" + raw + "'");
        }
        out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return out;
  }
}
