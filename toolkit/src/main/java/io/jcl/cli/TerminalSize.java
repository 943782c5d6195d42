package io.jcl.cli;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * The controlling terminal's rows and columns, as {@code stty size} reads them from {@code /dev/tty}
 * (the JDK has no call for it). A redrawn frame that is wider or taller than the terminal would wrap or
 * scroll, which is exactly what redrawing in place must not do.
 */
record TerminalSize(int rows, int columns) {

  static final TerminalSize UNKNOWN = new TerminalSize(Integer.MAX_VALUE, Integer.MAX_VALUE);

  static TerminalSize read() {
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(1, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return UNKNOWN;
      }
      String[] rc = out.split("\\s+");
      return new TerminalSize(Integer.parseInt(rc[0]), Integer.parseInt(rc[1]));
    } catch (Exception e) {
      return UNKNOWN;
    }
  }
}
