package io.jcl.dsl;

import java.util.Locale;

/** A byte size such as a heap limit: {@code 256.mb} or {@code '256m'} in a script. */
public record Size(long bytes) {

  private static final long K = 1024, M = K * K, G = M * K;

  public static Size parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
      t = t.substring(0, t.length() - 1); // "256mb" -> "256m"
    }
    long unit = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    switch (last) {
      case 'k' -> unit = K;
      case 'm' -> unit = M;
      case 'g' -> unit = G;
      default -> { }
    }
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    try {
      long n = Long.parseLong(digits.trim());
      if (n < 0) {
        throw new IllegalArgumentException("a size cannot be negative: '" + text + "'");
      }
      return new Size(n * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a size: '" + text + "' (use 512k, 256m, 2g)");
    }
  }

  /** The form the JVM's -Xmx accepts and {@link #parse} reads back. */
  public String canonical() {
    if (bytes % G == 0 && bytes > 0) return bytes / G + "g";
    if (bytes % M == 0 && bytes > 0) return bytes / M + "m";
    if (bytes % K == 0 && bytes > 0) return bytes / K + "k";
    return Long.toString(bytes);
  }

  @Override
  public String toString() {
    return canonical();
  }
}
