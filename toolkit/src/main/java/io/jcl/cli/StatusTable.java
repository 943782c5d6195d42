package io.jcl.cli;

import static io.jcl.view.HealthFigures.orDash;

import io.jcl.view.HealthFigures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A status (with {@link ProcessMemory}'s figures added) as the lines {@code jcl status} prints, once or
 * redrawn by {@code --watch}: the primary, one row per slot's worker, its successor and leaving workers
 * during a replacement, the standby, the total; then why any worker is unhealthy. P99 MS is the worker's own
 * request latency over its last heartbeat interval ("-": it served nothing then).
 */
final class StatusTable {

  private static final String ROW = "%-5s %-8s %-10s %-4s %7s %8s %7s %8s %9s %6s %7s %7s %7s  %s";

  private StatusTable() {
  }

  static List<String> lines(JsonObject status, long nowMs) {
    List<String> out = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    JsonObject p = status.getJsonObject("primary");
    out.add(String.format("cluster %s  primary pid %d  %s:%d  scheduling %s  generation %s  up %s", status.getString("name"),
        p.getLong("pid"), p.getString("host"), p.getInteger("port"), p.getString("scheduling"),
        orDash(p.getValue("generation")), HealthFigures.duration(p.getLong("uptimeMs"))));
    out.add(String.format(ROW, "SLOT", "PID", "STATE", "GEN", "UPTIME", "RESTARTS", "REQ/S", "INFLIGHT", "HEAP MB",
        "LAG MS", "P99 MS", "RSS MB", "PSS MB", "LAST RESTART"));
    out.add(String.format(ROW, "", p.getLong("pid"), "", "", HealthFigures.duration(p.getLong("uptimeMs")), "", "", "", "", "", "",
        ProcessMemory.mb(p.getJsonObject("memory"), "rss"), ProcessMemory.mb(p.getJsonObject("memory"), "pss"), "(primary)"));
    status.getJsonArray("workers").forEach(o -> {
      JsonObject w = (JsonObject) o;
      // Why the slot got its current worker: a health verdict or recycling, else how the last one exited.
      String last = w.getString("lastRestart") != null ? w.getString("lastRestart")
          : w.getString("lastExit") == null ? "" : w.getString("lastExit");
      out.add(row(String.valueOf(w.getInteger("slot")), w, String.valueOf(w.getValue("restarts", "")), last, nowMs));
      note(notes, w);
      // During a replacement: the successor starting, and the replaced workers until they exit.
      if (w.getJsonObject("successor") != null) {
        out.add(row("", w.getJsonObject("successor"), "", "(successor)", nowMs));
      }
      if (w.getJsonArray("leaving") != null) {
        w.getJsonArray("leaving").forEach(l -> out.add(row("", (JsonObject) l, "", "(replaced, leaving)", nowMs)));
      }
    });
    JsonObject standby = status.getJsonObject("standby");
    if (standby != null) {
      out.add(String.format(ROW, "", standby.getValue("pid"),
          Boolean.TRUE.equals(standby.getBoolean("ready")) ? "STANDBY" : "STARTING", orDash(standby.getValue("generation")),
          "", "", "", "", "", "", "", ProcessMemory.mb(standby.getJsonObject("memory"), "rss"),
          ProcessMemory.mb(standby.getJsonObject("memory"), "pss"), "(standby)"));
    }
    JsonObject total = status.getJsonObject("memory");
    if (total != null) {
      out.add(String.format(ROW, "total", "", "", "", "", "", "", "", "", "", "", ProcessMemory.mb(total, "rss"),
          ProcessMemory.mb(total, "pss"), total.getInteger("processes") + " processes (PSS counts shared pages once)"));
    }
    out.addAll(notes);
    if (status.getJsonArray("hosts") != null) {
      hosts(out, status.getJsonArray("hosts"));
    }
    return out;
  }

  /** Several hosts: one line per host's primary, then its workers (memory is only known for this host's). */
  private static void hosts(List<String> out, JsonArray hosts) {
    out.add(hosts.size() + " hosts");
    hosts.forEach(o -> {
      JsonObject h = (JsonObject) o;
      JsonObject s = h.getJsonObject("status");
      if (s == null) {
        out.add(String.format("  host %-15s  not answering: %s", h.getString("host"), h.getString("error")));
        return;
      }
      JsonObject p = s.getJsonObject("primary");
      out.add(String.format("  host %-15s  primary pid %d  serving %s:%d  generation %s", h.getString("host"), p.getLong("pid"),
          p.getString("host"), p.getInteger("port"), orDash(p.getValue("generation"))));
      s.getJsonArray("workers").forEach(w -> {
        JsonObject x = (JsonObject) w;
        out.add(String.format("    slot %-3d pid %-8s %-10s gen %s", x.getInteger("slot"), orDash(x.getValue("pid")),
            x.getString("state"), orDash(x.getValue("generation"))));
      });
    });
  }

  private static String row(String slot, JsonObject w, String restarts, String last, long nowMs) {
    JsonObject health = w.getJsonObject("health");
    Long started = w.getLong("startedAt");
    boolean alive = w.getValue("pid") != null && !"EXITED".equals(w.getString("state"));
    return String.format(ROW, slot, orDash(w.getValue("pid")), w.getString("state"), orDash(w.getValue("generation")),
        alive && started != null ? HealthFigures.duration(nowMs - started) : "-", restarts,
        orDash(w.getValue("reqPerSec")), orDash(HealthFigures.number(health, "inFlight")), HealthFigures.heap(health),
        orDash(HealthFigures.lagMs(health)), HealthFigures.latency(health), ProcessMemory.mb(w.getJsonObject("memory"), "rss"),
        ProcessMemory.mb(w.getJsonObject("memory"), "pss"), last);
  }

  private static void note(List<String> notes, JsonObject w) {
    if (w.getString("unhealthy") != null) {
      notes.add("slot " + w.getInteger("slot") + ": pid " + w.getValue("pid") + " unhealthy: " + w.getString("unhealthy"));
    }
    // Why an errored slot gave up, in its last worker's own words.
    JsonObject errored = w.getJsonObject("errored");
    if (errored != null) {
      notes.add("slot " + w.getInteger("slot") + ": errored: " + errored.getString("reason"));
      var lines = errored.getJsonArray("lastOutput");
      if (lines != null && !lines.isEmpty()) {
        notes.add("slot " + w.getInteger("slot") + ": last output of pid " + orDash(w.getValue("pid")) + ":");
        lines.forEach(l -> notes.add("    " + l));
      }
    }
  }
}
