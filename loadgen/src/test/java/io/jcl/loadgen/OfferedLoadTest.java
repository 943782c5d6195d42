package io.jcl.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SATURATED means the generator did not offer the planned load (see {@link OfferedLoad}): a hiccup of the
 * generator is part of the latency it delayed, not a reason to void the run; a rate it cannot reach is.
 */
class OfferedLoadTest {
  static Vertx server;

  @BeforeAll
  static void start() throws Exception {
    server = TestVertx.create();
  }

  @AfterAll
  static void stop() throws Exception {
    TestVertx.await(server.close(), Duration.ofSeconds(10));
  }

  @Test
  void aHundredMillisecondStallOfThePacerShowsInLatencyAndVoidsNothing() throws Exception {
    int port = TestVertx.serve(server, r -> r.response().end("ok"));
    // One event loop: a task that blocks any context of this Vert.x blocks the generator's pacer.
    Vertx generator = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
    try {
      LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(1000).duration(Duration.ofSeconds(10))
          .warmup(Duration.ofSeconds(1)).connections(10).timeout(Duration.ofSeconds(5)).build();
      generator.setTimer(6_000, id -> sleep(100)); // 5 s into measurement (after the 1 s warm-up)
      Report report = TestVertx.await(LoadGenerator.run(generator, spec), Duration.ofSeconds(40));
      System.out.println(TextSummary.format(report));

      assertEquals(10_000, report.planned());
      assertEquals(10_000, report.outcomes().get(Outcome.OK), "every request answered: " + report.outcomes());
      report.outcomes().checkAddsUpTo(report.planned());
      assertTrue(report.latency().maxMs() >= 100, "the stall is in the latency: " + report.latency());
      assertTrue(report.pacerLag().maxMs() >= 90, "and in the pacer's lag beside it: " + report.pacerLag());
      assertTrue(report.offered().longestBehindMs() >= 90, "behind for the stall: " + report.offered());
      assertFalse(report.saturated(), "a 100 ms stall leaves the offered load intact: " + report.saturationReasons());
      assertEquals(Verdict.PASS, report.verdict());
    } finally {
      TestVertx.await(generator.close(), Duration.ofSeconds(10));
    }
  }

  @Test
  void aRateThisMachineCannotOfferIsSaturatedAndSaysWhatItSent() throws Exception {
    int port = TestVertx.serve(server, r -> r.response().end("ok"));
    Vertx generator = TestVertx.create();
    try {
      LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(2_000_000).duration(Duration.ofSeconds(1))
          .warmup(Duration.ZERO).connections(50).timeout(Duration.ofMillis(500)).build();
      Report report = TestVertx.await(LoadGenerator.run(generator, spec), Duration.ofSeconds(60));
      String text = TextSummary.format(report);
      System.out.println(text);

      assertEquals(Verdict.GENERATOR_SATURATED, report.verdict());
      report.outcomes().checkAddsUpTo(report.planned());
      assertTrue(report.offered().sentRate() < 2_000_000, report.offered().toString());
      assertTrue(text.contains(String.format(java.util.Locale.ROOT, "what it did offer: %.0f req/s sent",
          report.offered().sentRate())), text);
    } finally {
      TestVertx.await(generator.close(), Duration.ofSeconds(10));
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
