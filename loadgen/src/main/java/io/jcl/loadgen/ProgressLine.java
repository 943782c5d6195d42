package io.jcl.loadgen;

import java.util.Locale;
import java.util.Map;

/**
 * The one-line live status. Without a trailing newline: the CLI prints it after a carriage return on a
 * terminal, so each second overwrites the last.
 */
public final class ProgressLine {
  /** Beyond this many workers the line would wrap; the rest are summarised. */
  private static final int MAX_WORKERS_SHOWN = 8;

  private ProgressLine() {
  }

  public static String format(Progress p) {
    StringBuilder b = new StringBuilder(120);
    b.append(String.format(Locale.ROOT, "%5.1fs  %7.0f req/s  p99 %7.2f ms  failed %d", p.elapsedSeconds(), p.rate(),
        p.p99Ms(), p.failed()));
    int shown = 0;
    for (Map.Entry<String, Double> e : p.shares().entrySet()) {
      if (shown++ == MAX_WORKERS_SHOWN) {
        b.append("  +").append(p.shares().size() - MAX_WORKERS_SHOWN).append(" more");
        break;
      }
      b.append(String.format(Locale.ROOT, "  %s %.1f%%", e.getKey(), 100 * e.getValue()));
    }
    return b.toString();
  }
}
