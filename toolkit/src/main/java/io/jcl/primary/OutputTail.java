package io.jcl.primary;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines a worker wrote (stdout and stderr together), kept so that {@code jcl status} can say why
 * a crash-looping slot gave up with the worker's own words, as {@code pm2 logs --lines} would.
 */
final class OutputTail {

  static final int LINES = 20;

  private final ArrayDeque<String> lines = new ArrayDeque<>(LINES);

  /** From the output pump threads. */
  synchronized void add(String line) {
    if (lines.size() == LINES) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
