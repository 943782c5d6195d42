package io.jcl.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each outcome provoked on purpose; in every run the outcome counts add up to planned exactly. */
class OutcomesTest {
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
  }

  @AfterAll
  static void stop() throws Exception {
    TestVertx.await(vertx.close(), Duration.ofSeconds(10));
  }

  private static Report run(LoadSpec.Builder builder) throws Exception {
    Report report = TestVertx.await(LoadGenerator.run(vertx, builder.build()), Duration.ofSeconds(30));
    assertEquals(report.outcomes().total(), report.planned(), "one outcome per planned request");
    return report;
  }

  private static LoadSpec.Builder spec(int port, double rps, Duration duration) {
    return LoadSpec.builder(TestVertx.url(port)).rps(rps).duration(duration);
  }

  @Test
  void refusedPortGivesConnectErrors() throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(r -> r.response().end());
    int port = server.listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS).actualPort();
    server.close().await(5, TimeUnit.SECONDS); // nothing listens there now: connections are refused
    Report report = run(spec(port, 100, Duration.ofSeconds(1)));
    assertEquals(100, report.planned());
    assertEquals(100, report.outcomes().get(Outcome.CONNECT_ERROR), report.outcomes().toString());
    assertEquals(100, report.failed());
    assertEquals(100, report.sent(), "a refused connection attempt was still sent: not a generator problem");
  }

  @Test
  void statusClassesAreSplit() throws Exception {
    int[] n = {0};
    int port = TestVertx.serve(vertx, r -> r.response().setStatusCode(n[0]++ % 2 == 0 ? 500 : 404).end());
    Report report = run(spec(port, 200, Duration.ofSeconds(1)).thresholds(Thresholds.NONE.withMaxFailed(0)));
    assertEquals(200, report.planned());
    assertEquals(100, report.outcomes().get(Outcome.HTTP_5XX), report.outcomes().toString());
    assertEquals(100, report.outcomes().get(Outcome.HTTP_4XX), report.outcomes().toString());
    assertEquals(200, report.failed());
    if (!report.saturated()) {
      assertEquals(Verdict.THRESHOLD_FAILED, report.verdict());
      assertEquals(3, report.exitCode());
    }
  }

  @Test
  void resetMidResponse() throws Exception {
    int port = TestVertx.serve(vertx, r -> {
      r.response().setChunked(true).write("partial"); // head and some body out...
      vertx.setTimer(5, id -> r.connection().close());  // ...then the connection dies
    });
    Report report = run(spec(port, 100, Duration.ofSeconds(1)).connections(10));
    assertEquals(100, report.outcomes().get(Outcome.RESET), report.outcomes().toString());
  }

  @Test
  void silentServerTimesOut() throws Exception {
    int port = TestVertx.serve(vertx, r -> { }); // never answers
    Report report = run(spec(port, 50, Duration.ofSeconds(1)).timeout(Duration.ofMillis(300))
        .drain(Duration.ofSeconds(1)).connections(100));
    assertEquals(50, report.outcomes().get(Outcome.TIMEOUT), report.outcomes().toString());
    // A timeout is a lower bound of the latency: it stays in the percentiles instead of vanishing.
    assertTrue(report.latency().p50Ms() >= 300, report.latency().toString());
  }

  @Test
  void exhaustedPoolGivesNotSent() throws Exception {
    int port = TestVertx.serve(vertx, r -> { });
    Report report = run(spec(port, 50, Duration.ofSeconds(1)).timeout(Duration.ofMillis(300))
        .drain(Duration.ofSeconds(1)).connections(1));
    // One connection, held by a request the server never answers: that one times out, and every
    // request planned more than a timeout before a connection came free is NOT_SENT.
    assertTrue(report.outcomes().get(Outcome.NOT_SENT) > 0, report.outcomes().toString());
    assertTrue(report.outcomes().get(Outcome.TIMEOUT) > 0, report.outcomes().toString());
    assertEquals(50, report.outcomes().get(Outcome.NOT_SENT) + report.outcomes().get(Outcome.TIMEOUT));
    assertTrue(report.saturated(), "could not send: the generator must not judge the target");
    assertEquals(Verdict.GENERATOR_SATURATED, report.verdict());
  }

  @Test
  void stillOutstandingAtTheEndIsInFlight() throws Exception {
    int port = TestVertx.serve(vertx, r -> { });
    Report report = run(spec(port, 50, Duration.ofMillis(600)).timeout(Duration.ofSeconds(10))
        .drain(Duration.ofMillis(200)).connections(100));
    assertEquals(30, report.planned());
    assertEquals(30, report.outcomes().get(Outcome.IN_FLIGHT_AT_END), report.outcomes().toString());
    assertEquals(0, report.failed(), "in flight is not failed");
  }

  @Test
  void mixedOutcomesAddUp() throws Exception {
    int[] n = {0};
    int port = TestVertx.serve(vertx, (HttpServerRequest r) -> {
      switch (n[0]++ % 5) {
        case 0 -> r.response().end("ok");
        case 1 -> r.response().setStatusCode(404).end();
        case 2 -> r.response().setStatusCode(503).end();
        case 3 -> r.connection().close();
        default -> { } // hang
      }
    });
    Report report = run(spec(port, 200, Duration.ofSeconds(1)).timeout(Duration.ofMillis(300))
        .drain(Duration.ofSeconds(1)).connections(200));
    OutcomeCounts o = report.outcomes();
    assertEquals(200, report.planned());
    for (Outcome expected : new Outcome[] {Outcome.OK, Outcome.HTTP_4XX, Outcome.HTTP_5XX, Outcome.RESET, Outcome.TIMEOUT}) {
      assertTrue(o.get(expected) > 0, expected + " missing: " + o);
    }
    assertEquals(200 - o.get(Outcome.OK), report.failed());
  }

  @Test
  void invariantIsChecked() {
    OutcomeCounts counts = new OutcomeCounts();
    counts.add(Outcome.OK, 9);
    assertThrows(IllegalStateException.class, () -> counts.checkAddsUpTo(10));
  }
}
