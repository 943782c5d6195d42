package io.jcl.dsl;

/** A percentage such as a heap threshold: {@code 90.percent} or {@code '90%'} in a script. */
public record Percent(double value) {

  public static Percent parse(String text) {
    String t = text.trim();
    if (t.endsWith("%")) {
      t = t.substring(0, t.length() - 1).trim();
    }
    try {
      return new Percent(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a percentage: '" + text + "' (use 90.percent or '90%')");
    }
  }

  public String canonical() {
    return (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)) + "%";
  }

  @Override
  public String toString() {
    return canonical();
  }
}
