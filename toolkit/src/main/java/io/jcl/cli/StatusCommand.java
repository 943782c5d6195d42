package io.jcl.cli;

import io.jcl.primary.RuntimeDir;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jcl status [NAME] [--json]}. The JSON is a stable contract for scripts:
 * {@code {"name", "primary": {"pid", ...}, "workers": [{"slot", "pid", "state", "restarts", ...}]}}.
 */
@Command(name = "status", description = "Show a running cluster's primary and workers.")
final class StatusCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
  String name;

  @Option(names = "--json", description = "machine-readable output")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RuntimeDir dir = RunningClusters.find(name);
    JsonObject status = RunningClusters.status(dir);
    ProcessMemory.addTo(status);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(status.encode());
      return 0;
    }
    JsonObject p = status.getJsonObject("primary");
    out.printf("cluster %s  primary pid %d  %s:%d  scheduling %s  generation %s  up %ds%n", status.getString("name"),
        p.getLong("pid"), p.getString("host"), p.getInteger("port"), p.getString("scheduling"),
        orDash(p.getValue("generation")), p.getLong("uptimeMs") / 1000);
    out.printf("%-5s %-8s %-10s %-4s %-9s %8s %8s  %s%n", "SLOT", "PID", "STATE", "GEN", "RESTARTS", "RSS MB",
        "PSS MB", "LAST EXIT");
    out.printf("%-5s %-8s %-10s %-4s %-9s %8s %8s  %s%n", "", p.getLong("pid"), "", "", "",
        ProcessMemory.mb(p.getJsonObject("memory"), "rss"), ProcessMemory.mb(p.getJsonObject("memory"), "pss"), "(primary)");
    status.getJsonArray("workers").forEach(o -> {
      JsonObject w = (JsonObject) o;
      out.printf("%-5d %-8s %-10s %-4s %-9d %8s %8s  %s%n", w.getInteger("slot"), orDash(w.getValue("pid")),
          w.getString("state"), orDash(w.getValue("generation")), w.getInteger("restarts"),
          ProcessMemory.mb(w.getJsonObject("memory"), "rss"), ProcessMemory.mb(w.getJsonObject("memory"), "pss"),
          w.getString("lastExit") == null ? "" : w.getString("lastExit"));
      // During a replacement: the successor starting, and the replaced workers until they exit.
      if (w.getJsonObject("successor") != null) {
        printOther(out, w.getJsonObject("successor"), "(successor)");
      }
      if (w.getJsonArray("leaving") != null) {
        w.getJsonArray("leaving").forEach(l -> printOther(out, (JsonObject) l, "(replaced, leaving)"));
      }
    });
    JsonObject standby = status.getJsonObject("standby");
    if (standby != null) {
      out.printf("%-5s %-8s %-10s %-4s %-9s %8s %8s  %s%n", "", standby.getValue("pid"),
          Boolean.TRUE.equals(standby.getBoolean("ready")) ? "STANDBY" : "STARTING", orDash(standby.getValue("generation")),
          "", ProcessMemory.mb(standby.getJsonObject("memory"), "rss"), ProcessMemory.mb(standby.getJsonObject("memory"), "pss"),
          "(standby)");
    }
    JsonObject total = status.getJsonObject("memory");
    out.printf("%-5s %-8s %-10s %-4s %-9s %8s %8s  %s%n", "total", "", "", "", "", ProcessMemory.mb(total, "rss"),
        ProcessMemory.mb(total, "pss"), total.getInteger("processes") + " processes (PSS counts shared pages once)");
    if (status.getJsonArray("hosts") != null) {
      printHosts(out, status.getJsonArray("hosts"));
    }
    return 0;
  }

  /** Several hosts: one line per host's primary, then its workers (memory is only known for this host's). */
  private static void printHosts(PrintWriter out, io.vertx.core.json.JsonArray hosts) {
    out.printf("%d hosts%n", hosts.size());
    hosts.forEach(o -> {
      JsonObject h = (JsonObject) o;
      JsonObject s = h.getJsonObject("status");
      if (s == null) {
        out.printf("  host %-15s  not answering: %s%n", h.getString("host"), h.getString("error"));
        return;
      }
      JsonObject p = s.getJsonObject("primary");
      out.printf("  host %-15s  primary pid %d  serving %s:%d  generation %s%n", h.getString("host"), p.getLong("pid"),
          p.getString("host"), p.getInteger("port"), orDash(p.getValue("generation")));
      s.getJsonArray("workers").forEach(w -> {
        JsonObject x = (JsonObject) w;
        out.printf("    slot %-3d pid %-8s %-10s gen %s%n", x.getInteger("slot"), orDash(x.getValue("pid")),
            x.getString("state"), orDash(x.getValue("generation")));
      });
    });
  }

  private static void printOther(PrintWriter out, JsonObject w, String role) {
    out.printf("%-5s %-8s %-10s %-4s %-9s %8s %8s  %s%n", "", orDash(w.getValue("pid")), w.getString("state"),
        orDash(w.getValue("generation")), "", ProcessMemory.mb(w.getJsonObject("memory"), "rss"),
        ProcessMemory.mb(w.getJsonObject("memory"), "pss"), role);
  }

  private static Object orDash(Object v) {
    return v == null ? "-" : v;
  }
}
