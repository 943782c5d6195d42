package io.jcl.loadgen;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new connection per request at a modest rate: every request its own connection, every one OK, and none
 * waiting for a place in the pool. The generator's connect path once cost about a millisecond of CPU per
 * connection and held a pool place until its close completed: at 1,000 req/s requests queued for seconds.
 */
class NewConnectionPerRequestTest {
  static Vertx vertx;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    port = TestVertx.serve(vertx, req -> req.response().putHeader("X-Jcl-Worker", "w0").end("hello"));
  }

  @AfterAll
  static void stop() throws Exception {
    TestVertx.await(vertx.close(), Duration.ofSeconds(10));
  }

  @Test
  void everyRequestOpensItsOwnConnectionAndNoneWaitsForOne() throws Exception {
    LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(500).duration(Duration.ofSeconds(2))
        .warmup(Duration.ofSeconds(1)).newConnectionPerRequest(true).connections(50).build();
    Report report = TestVertx.await(LoadGenerator.run(vertx, spec), Duration.ofSeconds(30));
    System.out.println(TextSummary.format(report));

    assertEquals(1000, report.planned());
    assertEquals(report.planned(), report.outcomes().get(Outcome.OK), "all OK: " + report.outcomes());
    ConnectionCounts c = report.connections();
    assertEquals(1250, c.opened(), "one connection per request, the warmup ramp's 250 included: none reused");
    // 50 places at 500 req/s: a place is busy for one exchange (about a millisecond on loopback), so a
    // measured request only waits if places leak or are held past their exchange, or connecting is slow.
    assertEquals(0, c.waited(), "measured requests that waited for a connection place");
    assertTrue(c.peakOpen() <= 50, "peak open " + c.peakOpen());
  }
}
