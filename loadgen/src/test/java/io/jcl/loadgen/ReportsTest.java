package io.jcl.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run exercising the cluster-aware parts — a restart window, source addresses and stickiness,
 * live progress — and every report writer on its result.
 */
class ReportsTest {
  static Vertx vertx;
  static int port;
  /** True while the fake "rolling restart" runs: the server answers 503 then. Server loop only. */
  static volatile boolean restarting;
  static Report report;
  static final List<Progress> progress = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void run() throws Exception {
    vertx = TestVertx.create();
    // The worker is a function of the client address, as a sticky cluster's would be.
    port = TestVertx.serve(vertx, r -> {
      String host = r.remoteAddress().hostAddress();
      int octet = Integer.parseInt(host.substring(host.lastIndexOf('.') + 1));
      r.response().setStatusCode(restarting ? 503 : 200).putHeader("X-Jcl-Worker", "w" + octet % 2).end("hi");
    });
    RestartTrigger trigger = () -> {
      restarting = true;
      return vertx.timer(400).<Void>mapEmpty().onComplete(ar -> restarting = false);
    };
    LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(300).duration(Duration.ofSeconds(3))
        .sourceIps(3).connections(12).restartAt(Duration.ofSeconds(1)).restartTrigger(trigger)
        .thresholds(Thresholds.NONE.withExpectSticky(true)).build();
    report = TestVertx.await(LoadGenerator.run(vertx, spec, progress::add), Duration.ofSeconds(30));
    System.out.println(TextSummary.format(report));
  }

  @AfterAll
  static void stop() throws Exception {
    TestVertx.await(vertx.close(), Duration.ofSeconds(10));
  }

  @Test
  void restartWindowIsRecordedAndFailuresAttributed() {
    assertEquals(1, report.restarts().size());
    RestartWindow w = report.restarts().get(0);
    assertEquals("done", w.status());
    assertTrue(w.startMs() >= 900 && w.startMs() < 1500, "started near 1 s: " + w);
    assertTrue(w.endMs() - w.startMs() >= 390, "lasted the trigger's 400 ms: " + w);
    assertTrue(w.failed() > 0 && w.failed() <= report.failed(), w + " vs " + report.failed());
    assertTrue(w.recoveryMs() >= 0, "a success came after it: " + w);
    // Attributed when planned or completed inside the window; the trigger's flag and the window's
    // bounds are set on different event loops, so allow a few at the edges.
    assertTrue(w.failed() >= 0.9 * report.failed(), "the 503s belong to the window: " + w + " / " + report.outcomes());
    assertTrue(report.longestGapMs() >= 300, "no success during the restart: " + report.longestGapMs());
  }

  @Test
  void sourceAddressesAreStickyHere() {
    assertNotNull(report.sticky());
    assertEquals(3, report.sticky().workersBySource().size(), report.sticky().toString());
    assertTrue(report.sticky().passed(), report.sticky().toString());
    assertEquals(List.of("w1"), List.copyOf(report.sticky().workersBySource().get("127.0.0.1")));
    assertEquals(List.of("w0"), List.copyOf(report.sticky().workersBySource().get("127.0.0.2")));
  }

  @Test
  void progressArrivesOncePerSecond() {
    assertTrue(progress.size() >= 2, "progress: " + progress);
    String line = ProgressLine.format(progress.get(progress.size() - 1));
    assertTrue(line.contains("req/s") && line.contains("p99") && line.contains("failed") && line.contains("w0"), line);
    assertFalse(line.contains("\n"));
  }

  @Test
  void jsonHasTheContractKeys() {
    JsonObject json = JsonReport.toJson(report);
    for (String key : List.of("planned", "sent", "outcomes", "failed", "rate", "latency", "serviceTime", "scheduleLag",
        "workers", "fairness", "restarts", "longestGapMs", "sticky", "verdict")) {
      assertTrue(json.containsKey(key), key);
    }
    assertEquals(report.planned(), json.getLong("planned"));
    long sum = json.getJsonObject("outcomes").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    assertEquals(report.planned(), sum);
    for (String key : List.of("target", "offered", "throughput", "goodput")) {
      assertTrue(json.getJsonObject("rate").containsKey(key), key);
    }
    for (String key : List.of("p50", "p90", "p99", "p999", "max")) {
      assertTrue(json.getJsonObject("latency").containsKey(key), key);
    }
    for (String key : List.of("verdict", "jain", "cv", "maxDeviation", "requestsNeeded", "unit", "counts")) {
      assertTrue(json.getJsonObject("fairness").containsKey(key), key);
    }
    assertTrue(json.getJsonObject("workers").getJsonObject("w0").containsKey("p99"));
    // Connection placement and the generator's lag, next to what they explain.
    assertTrue(json.getJsonObject("workers").getJsonObject("w0").containsKey("connections"));
    assertEquals(report.fairness().unit().label(), json.getJsonObject("fairness").getString("unit"));
    for (String key : List.of("pacerLag", "afterHandOff")) {
      assertTrue(json.getJsonObject(key).containsKey("p99"), key);
    }
    for (String key : List.of("sustainableRate", "onScheduleUpTo", "inVolume", "worstSecondRate", "longestBehindMs")) {
      assertTrue(json.getJsonObject("saturation").containsKey(key), key);
    }
    assertEquals(1, json.getJsonArray("restarts").size());
    assertTrue(json.getJsonObject("sticky").getBoolean("passed"));
  }

  @Test
  void hgrmIsAPercentileDistributionInMilliseconds() {
    String hgrm = HgrmReport.format(report);
    assertTrue(hgrm.contains("Value     Percentile TotalCount 1/(1-Percentile)"), hgrm);
    assertTrue(hgrm.contains("#[Max     ="), hgrm);
    assertTrue(hgrm.contains("Total count"), hgrm);
    assertTrue(hgrm.contains(String.valueOf(report.latencyHistogram().getTotalCount())), hgrm);
  }

  @Test
  void htmlIsOneSelfContainedPageWithThePlots(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.html");
    HtmlReport.write(report, file);
    String html = Files.readString(file);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("class=\"percentile-plot\""));
    assertTrue(html.contains("class=\"throughput-plot\""));
    assertTrue(html.contains("class=\"share-plot\""));
    assertTrue(html.contains("<polyline"), "series are drawn");
    assertTrue(html.contains("class=\"restart\""), "restart window marked");
    assertTrue(html.contains("99.99%"), "percentile axis");
    assertTrue(html.contains("<th>connections</th>"), "connections per worker");
    assertTrue(html.contains("id=\"fairness\"") && html.contains("id=\"lag\""), "the unit judged and the lag table");
    // Self-contained: nothing fetched from anywhere (the SVG namespace is an identifier, not a fetch).
    String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertFalse(withoutNamespace.contains("src="), "no external resources");
    assertFalse(withoutNamespace.contains("<link"), "no stylesheets");
    assertFalse(withoutNamespace.contains("<script"), "no script needed");
    assertFalse(withoutNamespace.contains("https://"), "no external URL");
  }

  @Test
  void summaryAndVerdict() {
    String text = TextSummary.format(report);
    assertTrue(text.contains("restart") && text.contains("sticky") && text.contains("verdict"), text);
    report.outcomes().checkAddsUpTo(report.planned());
    assertTrue(report.verdict() == Verdict.PASS || report.verdict() == Verdict.GENERATOR_SATURATED, report.verdict()
        + " " + report.violations());
  }

  @Test
  void restartWithoutTriggerSaysNotAvailable() throws Exception {
    LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(50).duration(Duration.ofMillis(500))
        .restartAt(Duration.ofMillis(100)).build();
    Report r = TestVertx.await(LoadGenerator.run(vertx, spec), Duration.ofSeconds(30));
    assertTrue(r.restarts().isEmpty());
    assertNotNull(r.restartNote());
    assertTrue(r.restartNote().contains("not available"), r.restartNote());
    assertNull(report.restartNote());
  }

  @Test
  void failingTriggerIsReportedNotThrown() throws Exception {
    LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(50).duration(Duration.ofMillis(600))
        .restartAt(Duration.ofMillis(100)).restartTrigger(() -> Future.failedFuture("no such cluster")).build();
    Report r = TestVertx.await(LoadGenerator.run(vertx, spec), Duration.ofSeconds(30));
    assertEquals(1, r.restarts().size());
    assertTrue(r.restarts().get(0).status().contains("no such cluster"), r.restarts().toString());
  }
}
