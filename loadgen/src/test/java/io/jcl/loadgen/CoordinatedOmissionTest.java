package io.jcl.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that stalls once for 1 s must show in the corrected latency, and must not be hidden the way a
 * closed-loop tool hides it.
 * <p>
 * Why service time stays small here: the generator gets only 2 connections. When the server stalls,
 * the 2 requests on the wire wait ~1 s (2 service-time samples out of ~2,500, far beyond the p99), and
 * the ~500 requests planned during the stall cannot be sent: they wait in the generator's queue. When
 * the stall ends they go out back to back and are served in a fraction of a millisecond each, so their
 * service time is small, but their latency — measured from when they were planned — spans 0..1 s. About
 * a fifth of all requests are in that backlog, so the corrected p99 is several hundred ms. A closed-loop
 * tool that times from the actual send reports exactly our service time: the stall would vanish.
 */
class CoordinatedOmissionTest {
  static Vertx vertx;
  static int port;
  static long stallUntil;
  static int requests;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    port = TestVertx.serve(vertx, CoordinatedOmissionTest::handle);
  }

  /** Runs on the server's event loop only, so the plain static fields are safe. */
  private static void handle(HttpServerRequest req) {
    long now = System.currentTimeMillis();
    if (++requests == 1_000) { // about 2 s into the run
      stallUntil = now + 1000;
    }
    if (now < stallUntil) {
      vertx.setTimer(stallUntil - now, id -> req.response().end("late")); // held, never blocking the loop
    } else {
      req.response().end("ok");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    TestVertx.await(vertx.close(), Duration.ofSeconds(10));
  }

  @Test
  void correctedLatencyShowsTheStallServiceTimeDoesNot() throws Exception {
    LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(500).duration(Duration.ofSeconds(5))
        .connections(2).timeout(Duration.ofSeconds(5)).drain(Duration.ofSeconds(3)).build();
    Report report = TestVertx.await(LoadGenerator.run(vertx, spec), Duration.ofSeconds(40));
    System.out.println(TextSummary.format(report));

    assertEquals(2500, report.planned());
    report.outcomes().checkAddsUpTo(report.planned());
    assertEquals(report.planned(), report.outcomes().get(Outcome.OK), "no request lost: " + report.outcomes());
    assertTrue(report.latency().p99Ms() >= 300, "corrected p99 shows the stall: " + report.latency());
    assertTrue(report.latency().maxMs() >= 800, "someone waited most of the second: " + report.latency());
    assertTrue(report.serviceTime().p99Ms() < 100, "service time does not: " + report.serviceTime());
    assertTrue(report.serviceTime().maxMs() >= 800, "the requests caught on the wire did wait");
    assertTrue(report.longestGapMs() >= 800, "no success during the stall: " + report.longestGapMs());
  }
}
