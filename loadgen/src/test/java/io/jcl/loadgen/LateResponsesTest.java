package io.jcl.loadgen;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throughput is what the target delivered during the measured duration. A server that answers every
 * request 1.5 s late, in a 1 s run, delivered nothing during it: every request still ends OK (the drain
 * waits for them), but throughput and goodput are 0, not the 100/s a count of all responses would claim.
 */
class LateResponsesTest {
  static Vertx vertx;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    port = TestVertx.serve(vertx, req -> vertx.setTimer(1500, id -> req.response().end("late")));
  }

  @AfterAll
  static void stop() throws Exception {
    TestVertx.await(vertx.close(), Duration.ofSeconds(10));
  }

  @Test
  void responsesAfterTheEndGetTheirOutcomeButAreNotThroughput() throws Exception {
    LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(100).duration(Duration.ofSeconds(1))
        .connections(200).timeout(Duration.ofSeconds(5)).drain(Duration.ofSeconds(4)).build();
    Report report = TestVertx.await(LoadGenerator.run(vertx, spec), Duration.ofSeconds(30));
    System.out.println(TextSummary.format(report));

    assertEquals(100, report.planned());
    assertEquals(100, report.outcomes().get(Outcome.OK), "all answered, late: " + report.outcomes());
    assertEquals(100.0, report.offeredRate(), 1.0);
    assertEquals(0.0, report.throughput(), "no response arrived before the end");
    assertEquals(0.0, report.goodput());
    assertTrue(report.latency().p50Ms() >= 1400, "latency " + report.latency());
  }
}
