package io.jcl.loadgen;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fairness through the whole generator, with a new connection per request, where the request is what the
 * scheduler places (keep-alive, where it places connections: KeepAliveFairnessTest). A "round-robin pair"
 * is one server that answers as worker A and B alternately (what a round-robin primary does over two
 * workers, without needing one here); the skewed pair answers as A four times out of five.
 */
class FairnessEndToEndTest {
  static Vertx vertx;
  static int alternating;
  static int skewed;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    int[] a = {0};
    alternating = TestVertx.serve(vertx, r -> r.response().putHeader("X-Jcl-Worker", a[0]++ % 2 == 0 ? "A" : "B").end());
    int[] s = {0};
    skewed = TestVertx.serve(vertx, r -> r.response().putHeader("X-Jcl-Worker", s[0]++ % 5 == 0 ? "B" : "A").end());
  }

  @AfterAll
  static void stop() throws Exception {
    TestVertx.await(vertx.close(), Duration.ofSeconds(10));
  }

  private static Report run(int port, double rps, Duration duration, Thresholds thresholds) throws Exception {
    LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(rps).duration(duration).connections(10)
        .newConnectionPerRequest(true)
        .thresholds(thresholds).build();
    Report report = TestVertx.await(LoadGenerator.run(vertx, spec), Duration.ofSeconds(30));
    report.outcomes().checkAddsUpTo(report.planned());
    return report;
  }

  @Test
  void roundRobinIsFair() throws Exception {
    Report report = run(alternating, 1000, Duration.ofSeconds(3), Thresholds.NONE.withFair(true));
    assertEquals(FairnessVerdict.FAIR, report.fairness().verdict(), report.fairness().toString());
    assertEquals(FairnessUnit.REQUESTS, report.fairness().unit());
    assertEquals(0.5, report.workers().get("A").share(), 0.001);
    assertEquals(3, report.fairnessWindows().size());
    // Per window too (a 1 s window holds ~1,000 alternating responses).
    assertTrue(report.fairnessWindows().stream().allMatch(w -> w.result().verdict() == FairnessVerdict.FAIR),
        report.fairnessWindows().toString());
    if (!report.saturated()) {
      assertEquals(Verdict.PASS, report.verdict(), report.violations().toString());
    }
  }

  @Test
  void skewedPairIsUnfair() throws Exception {
    Report report = run(skewed, 500, Duration.ofSeconds(2), Thresholds.NONE.withFair(true));
    assertEquals(FairnessVerdict.UNFAIR, report.fairness().verdict(), report.fairness().toString());
    assertEquals(0.8, report.workers().get("A").share(), 0.01);
    if (!report.saturated()) {
      assertEquals(Verdict.THRESHOLD_FAILED, report.verdict());
    }
  }

  @Test
  void thirtyRequestsAreInconclusive() throws Exception {
    Report report = run(alternating, 30, Duration.ofSeconds(1), Thresholds.NONE);
    assertEquals(30, report.planned());
    assertEquals(FairnessVerdict.INCONCLUSIVE, report.fairness().verdict(), report.fairness().toString());
    assertTrue(report.fairness().moreNeeded() > 0);
  }
}
