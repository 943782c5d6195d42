package io.jcl.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What each process of a cluster holds, as the OS tells it: resident set size (RSS) and proportional
 * set size (PSS: a page shared by k processes counts 1/k in each, so the cluster's PSS adds up to what
 * it costs the host, where RSS counts libjvm and the AppCDS archive once per JVM). Read from
 * {@code /proc/<pid>/smaps_rollup} (Linux 4.14+); without it RSS alone from {@code /proc/<pid>/status}.
 */
final class ProcessMemory {

  private ProcessMemory() {
  }

  /** {"rss": bytes, "pss": bytes or null}, or null when the process is gone or not ours to read. */
  static JsonObject of(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      Path rollup = proc.resolve("smaps_rollup");
      if (Files.isReadable(rollup)) {
        Long rss = null, pss = null;
        for (String line : Files.readAllLines(rollup)) {
          if (line.startsWith("Rss:")) rss = kb(line);
          else if (line.startsWith("Pss:")) pss = kb(line);
        }
        if (rss != null) {
          return new JsonObject().put("rss", rss).put("pss", pss);
        }
      }
      for (String line : Files.readAllLines(proc.resolve("status"))) {
        if (line.startsWith("VmRSS:")) {
          return new JsonObject().put("rss", kb(line)).putNull("pss");
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone between the status and this read, or another user's
    }
    return null;
  }

  private static long kb(String line) {
    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0]) * 1024;
  }

  /**
   * Adds "memory" to every process in a status (the primary, each slot's worker, successor and leaving
   * workers, the standby) and the cluster's total under the top-level "memory":
   * {"rss", "pss", "processes"} (pss null when one process had no figure).
   */
  static void addTo(JsonObject status) {
    long[] total = {0, 0, 0};
    boolean[] pssKnown = {true};
    java.util.function.Consumer<JsonObject> add = p -> {
      if (p == null || p.getValue("pid") == null) {
        return;
      }
      JsonObject m = of(p.getLong("pid"));
      p.put("memory", m);
      if (m != null) {
        total[0] += m.getLong("rss");
        if (m.getLong("pss") != null) total[1] += m.getLong("pss");
        else pssKnown[0] = false;
        total[2]++;
      }
    };
    add.accept(status.getJsonObject("primary"));
    JsonArray workers = status.getJsonArray("workers");
    if (workers != null) {
      workers.forEach(o -> {
        JsonObject w = (JsonObject) o;
        add.accept(w);
        add.accept(w.getJsonObject("successor"));
        if (w.getJsonArray("leaving") != null) {
          w.getJsonArray("leaving").forEach(l -> add.accept((JsonObject) l));
        }
      });
    }
    add.accept(status.getJsonObject("standby"));
    status.put("memory", new JsonObject().put("rss", total[0]).put("pss", pssKnown[0] ? total[1] : null)
        .put("processes", total[2]));
  }

  /** "123.4" MB, or "-". */
  static String mb(JsonObject memory, String key) {
    if (memory == null || memory.getLong(key) == null) {
      return "-";
    }
    return String.format(java.util.Locale.ROOT, "%.1f", memory.getLong(key) / (1024.0 * 1024.0));
  }
}
