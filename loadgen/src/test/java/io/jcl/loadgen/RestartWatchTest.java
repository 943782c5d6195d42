package io.jcl.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restarts the generator did not start, reported by a {@link RestartWatch} in wall-clock time as a
 * cluster's events log would: each gets a window with its cause and steps, the failures inside it are
 * counted there and not outside, and one still open at the end says "not completed". The watch here
 * plays the cluster: while its first "replacement" runs, the server answers 503.
 */
class RestartWatchTest {
  static Vertx vertx;
  static volatile boolean sick;
  static Report report;

  /** Three restarts: a sick worker (503s while it lasts), a recycled one (no failures), one that never ends. */
  static final class ScriptedWatch implements RestartWatch {
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();

    @Override
    public void start(RestartSink sink) {
      int[] w = new int[3];
      thread.schedule(() -> {
        w[0] = sink.begin(System.currentTimeMillis(), "slot 0 pid 1 unhealthy: a test");
        sick = true;
      }, 2_500, TimeUnit.MILLISECONDS); // the 2 s warm-up, then half a second of measurement
      thread.schedule(() -> {
        sick = false;
        sink.mark(w[0], System.currentTimeMillis(), "successor LISTENING");
      }, 2_900, TimeUnit.MILLISECONDS);
      thread.schedule(() -> sink.end(w[0], System.currentTimeMillis(), "done"), 3_000, TimeUnit.MILLISECONDS);
      thread.schedule(() -> w[1] = sink.begin(System.currentTimeMillis(), "slot 1 pid 2 recycled: a test"), 3_300,
          TimeUnit.MILLISECONDS);
      thread.schedule(() -> sink.end(w[1], System.currentTimeMillis(), "done"), 3_600, TimeUnit.MILLISECONDS);
      thread.schedule(() -> w[2] = sink.begin(System.currentTimeMillis(), "slot 0 pid 3 unhealthy: never ends"), 3_800,
          TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
      thread.shutdownNow();
    }
  }

  @BeforeAll
  static void run() throws Exception {
    vertx = TestVertx.create();
    int port = TestVertx.serve(vertx, r -> r.response().setStatusCode(sick ? 503 : 200).end("hi"));
    LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(300).duration(Duration.ofSeconds(2))
        .warmup(Duration.ofSeconds(2)).connections(8).restartWatch(new ScriptedWatch()).build();
    report = TestVertx.await(LoadGenerator.run(vertx, spec), Duration.ofSeconds(30));
    System.out.println(TextSummary.format(report));
  }

  @AfterAll
  static void stop() throws Exception {
    TestVertx.await(vertx.close(), Duration.ofSeconds(10));
  }

  @Test
  void eachReportedRestartIsAWindowWithItsCauseAndSteps() {
    List<RestartWindow> ws = report.restarts();
    assertEquals(3, ws.size(), ws::toString);
    RestartWindow sickOne = ws.get(0);
    assertEquals("slot 0 pid 1 unhealthy: a test", sickOne.cause());
    assertEquals("done", sickOne.status());
    double listening = sickOne.marksMs().get("successor LISTENING");
    assertTrue(sickOne.startMs() <= listening && listening <= sickOne.endMs(), sickOne::toString);
    assertEquals("slot 1 pid 2 recycled: a test", ws.get(1).cause());
    assertEquals("done", ws.get(1).status());
    assertTrue(ws.get(1).startMs() >= sickOne.endMs(), ws::toString);
    assertEquals("not completed", ws.get(2).status());
    assertEquals(-1, ws.get(2).endMs());
  }

  @Test
  void failuresAreCountedInsideTheWindowTheyHappenedIn() {
    RestartWindow sickOne = report.restarts().get(0);
    assertTrue(report.failed() > 0, "the server answered 503 for a while: " + report.outcomes());
    // The flag and the window's bounds are set on different threads: allow a few at the edges.
    assertTrue(sickOne.failed() >= 0.9 * report.failed(), () -> sickOne + " / " + report.outcomes());
    assertEquals(0, report.restarts().get(1).failed(), () -> report.restarts().get(1).toString());
    assertTrue(sickOne.outsideFailed() <= 0.1 * report.failed(), sickOne::toString);
    assertTrue(sickOne.requests() > 0 && sickOne.outsideRequests() > 0, sickOne::toString);
  }

  @Test
  void textAndJsonReportsShowTheWindows() {
    String text = TextSummary.format(report);
    assertTrue(text.contains("restart       slot 0 pid 1 unhealthy: a test"), text);
    assertTrue(text.contains("successor LISTENING at"), text);
    JsonArray restarts = JsonReport.toJson(report).getJsonArray("restarts");
    assertEquals(3, restarts.size());
    JsonObject first = restarts.getJsonObject(0);
    assertEquals("slot 0 pid 1 unhealthy: a test", first.getString("cause"));
    assertTrue(first.getJsonObject("marks").containsKey("successor LISTENING"), first::encode);
    assertTrue(first.containsKey("outsideFailed") && first.containsKey("failed"), first::encode);
  }
}
