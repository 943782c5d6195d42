package io.jcl.cli;

import io.jcl.dsl.VerifyEvent;
import io.jcl.loadgen.JUnitReport.EventCase;
import io.jcl.primary.RuntimeDir;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The scale and kill events of {@code verify { }}, each provoked at its time on a thread of its own (they
 * call the admin API and wait: never on the generator's event loops), with what happened as a test case.
 * The roll is not here: the load generator triggers it, so it can attribute requests to its window.
 */
final class ProvokedEvents {

  private final RuntimeDir cluster;
  private final long readyTimeoutMs;
  private final PrintWriter log;
  private final List<VerifyEvent> scheduled = new ArrayList<>();
  private final List<CompletableFuture<EventCase>> results = new ArrayList<>();

  ProvokedEvents(RuntimeDir cluster, long readyTimeoutMs, PrintWriter log) {
    this.cluster = cluster;
    this.readyTimeoutMs = readyTimeoutMs;
    this.log = log;
  }

  /** Schedules every event {@code event.at()} after {@code measureStartNanos} (System.nanoTime). */
  void schedule(List<VerifyEvent> events, long measureStartNanos) {
    for (VerifyEvent e : events) {
      long delayNanos = measureStartNanos + e.at().toNanos() - System.nanoTime();
      scheduled.add(e);
      results.add(CompletableFuture.supplyAsync(() -> run(e),
          CompletableFuture.delayedExecutor(Math.max(0, delayNanos), TimeUnit.NANOSECONDS)));
    }
  }

  /** Waits for every event to finish (they may outlast the load a little); an unfinished one fails. */
  List<EventCase> results(long timeoutMs) {
    List<EventCase> out = new ArrayList<>();
    long deadline = System.currentTimeMillis() + timeoutMs;
    for (int i = 0; i < results.size(); i++) {
      try {
        out.add(results.get(i).get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS));
      } catch (Exception e) {
        out.add(new EventCase(scheduled.get(i).describe(), false, "did not finish within " + timeoutMs + " ms: " + e));
      }
    }
    return out;
  }

  private EventCase run(VerifyEvent e) {
    say(e.describe() + ": starting");
    try {
      EventCase c = e.kind().equals("scale") ? scale(e) : kill(e);
      say(e.describe() + ": " + (c.passed() ? "" : "FAILED: ") + c.detail());
      return c;
    } catch (Exception ex) {
      if (ex instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return new EventCase(e.describe(), false, ex.toString());
    }
  }

  private EventCase scale(VerifyEvent e) throws Exception {
    long t0 = System.nanoTime();
    RunningClusters.Streamed s = RunningClusters.progress(cluster, "/scale?workers=" + e.value(), step -> { });
    JsonObject r = s.result();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (r == null) {
      return new EventCase(e.describe(), false, "the primary answered " + s.status() + (s.last() == null ? "" : " " + s.last().encode()));
    }
    return "done".equals(r.getString("result"))
        ? new EventCase(e.describe(), true, r.getInteger("workers") + " worker(s) LISTENING after " + ms + " ms")
        : new EventCase(e.describe(), false, "scale " + r.getString("result") + ": " + r.getString("reason"));
  }

  /** SIGKILL, as a crash; passes when the primary has the slot LISTENING again with a new process. */
  private EventCase kill(VerifyEvent e) throws Exception {
    JsonObject worker = slot(e.value());
    if (worker == null) {
      return new EventCase(e.describe(), false, "the cluster has no slot " + e.value());
    }
    long pid = worker.getLong("pid");
    long t0 = System.nanoTime();
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    long deadline = System.currentTimeMillis() + readyTimeoutMs;
    while (System.currentTimeMillis() < deadline) {
      JsonObject now = slot(e.value());
      if (now != null && now.getLong("pid", pid) != pid && "LISTENING".equals(now.getString("state"))) {
        return new EventCase(e.describe(), true, "killed pid " + pid + "; pid " + now.getLong("pid")
            + " LISTENING in its place after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      }
      Thread.sleep(50);
    }
    return new EventCase(e.describe(), false, "killed pid " + pid + "; slot " + e.value()
        + " was not LISTENING again within " + readyTimeoutMs + " ms");
  }

  private JsonObject slot(int slot) throws Exception {
    for (Object o : RunningClusters.status(cluster).getJsonArray("workers")) {
      JsonObject w = (JsonObject) o;
      if (w.getInteger("slot") == slot) {
        return w;
      }
    }
    return null;
  }

  private void say(String line) {
    synchronized (log) {
      log.println("jcl verify: " + line);
      log.flush();
    }
  }
}
