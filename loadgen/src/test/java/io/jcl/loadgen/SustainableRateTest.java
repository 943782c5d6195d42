package io.jcl.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A GENERATOR_SATURATED run names the highest rate it shows the generator sustains, everywhere it reports. */
class SustainableRateTest {
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
  }

  @AfterAll
  static void stop() throws Exception {
    TestVertx.await(vertx.close(), Duration.ofSeconds(10));
  }

  @Test
  void pacerLagNamesTheRateWhoseIntervalCoversIt() {
    // p99 lag 1.142 ms covers one interval at up to 875.7 req/s: named 870 (two significant digits, down).
    SustainableRate r = SustainableRate.of(1000, 10, 10_000, 10_000, 1_142_000);
    assertEquals(1e9 / 1_142_000, r.onSchedule(), 1e-6);
    assertEquals(1000, r.inVolume());
    assertEquals(870, r.rate());
  }

  @Test
  void sentVolumeLimitsTheRate() {
    // It sent 191,994 of 200,000 in 10 s: it held 19,199 req/s; its lag alone would have allowed 20,000.
    SustainableRate r = SustainableRate.of(20_000, 10, 200_000, 191_994, 40_000);
    assertEquals(20_000, r.onSchedule());
    assertEquals(19_199.4, r.inVolume(), 1e-6);
    assertEquals(19_000, r.rate());
  }

  @Test
  void aRunThatKeptUpNamesItsTarget() {
    SustainableRate r = SustainableRate.of(5000, 10, 50_000, 50_000, 150_000);
    assertEquals(5000, r.rate());
  }

  @Test
  void roundsDownToTwoSignificantDigits() {
    assertEquals(870, SustainableRate.roundDown(877.9));
    assertEquals(64_000, SustainableRate.roundDown(64_428));
    assertEquals(4.7, SustainableRate.roundDown(4.79), 1e-9);
    assertEquals(0, SustainableRate.roundDown(0));
  }

  @Test
  void saturatedReportNamesTheRateInTextAndJson() throws Exception {
    // One connection, held forever by a server that never answers: the rest cannot be sent.
    int port = TestVertx.serve(vertx, r -> { });
    LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(50).duration(Duration.ofSeconds(1))
        .timeout(Duration.ofMillis(300)).drain(Duration.ofSeconds(1)).connections(1).build();
    Report report = TestVertx.await(LoadGenerator.run(vertx, spec), Duration.ofSeconds(30));

    assertEquals(Verdict.GENERATOR_SATURATED, report.verdict());
    double rate = report.sustainable().rate();
    assertTrue(rate > 0 && rate < 50, "named rate " + rate);
    assertEquals(report.sent() / report.durationSeconds(), report.sustainable().inVolume(), 1e-9);
    assertTrue(TextSummary.format(report).contains(String.format(java.util.Locale.ROOT, "sustains here: %.0f req/s", rate)),
        TextSummary.format(report));
    JsonObject saturation = JsonReport.toJson(report).getJsonObject("saturation");
    assertEquals(true, saturation.getBoolean("saturated"));
    assertEquals(rate, saturation.getDouble("sustainableRate"));
    assertEquals(report.saturationReasons().size(), saturation.getJsonArray("reasons").size());
  }
}
