package io.jcl.primary;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies a worker's stdout or stderr into the primary's, each line prefixed with its slot and pid,
 * as PM2 does. One plain thread per stream: reading a pipe blocks, so never on an event loop.
 */
final class OutputPump {

  private OutputPump() {
  }

  static void start(InputStream in, PrintStream out, OutputPrefix prefix, OutputTail tail) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          out.println(prefix.get() + line);
          tail.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the worker is gone; its exit is reported by the supervisor
      }
    }, "jcl-output");
    t.setDaemon(true);
    t.start();
  }
}
