package io.jcl.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fairness under keep-alive, where the scheduler places connections: servers that answer as a worker
 * chosen per connection, as a round-robin primary places sockets on worker processes.
 */
class KeepAliveFairnessTest {
  static Vertx vertx;
  /** Requests served on each connection, for the server that counts them. */
  static final Map<HttpConnection, AtomicInteger> perConnection = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
  }

  @AfterAll
  static void stop() throws Exception {
    TestVertx.await(vertx.close(), Duration.ofSeconds(10));
  }

  /** A server whose n-th connection is served by worker {@code placement.apply(n)}. */
  private static int serve(IntFunction<String> placement) throws Exception {
    AtomicInteger connections = new AtomicInteger();
    Map<HttpConnection, String> workerOf = new ConcurrentHashMap<>();
    HttpServer server = vertx.createHttpServer()
        .connectionHandler(c -> workerOf.put(c, placement.apply(connections.getAndIncrement())))
        .requestHandler(r -> {
          perConnection.computeIfAbsent(r.connection(), c -> new AtomicInteger()).incrementAndGet();
          r.response().putHeader("X-Jcl-Worker", workerOf.get(r.connection())).end();
        });
    return server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
  }

  private static Report run(int port, int connections, Duration duration) throws Exception {
    LoadSpec spec = LoadSpec.builder(TestVertx.url(port)).rps(1000).duration(duration).warmup(Duration.ofSeconds(1))
        .connections(connections).thresholds(Thresholds.NONE.withFair(true)).build();
    Report report = TestVertx.await(LoadGenerator.run(vertx, spec), Duration.ofSeconds(30));
    report.outcomes().checkAddsUpTo(report.planned());
    System.out.println(TextSummary.format(report));
    return report;
  }

  @Test
  void roundRobinPlacedConnectionsAreFairAndEveryConnectionCarriesItsShare() throws Exception {
    int port = serve(n -> "w" + n % 4);
    perConnection.clear();
    Report report = run(port, 50, Duration.ofSeconds(3));

    FairnessResult f = report.fairness();
    assertEquals(FairnessUnit.CONNECTIONS, f.unit());
    assertEquals(FairnessVerdict.FAIR, f.verdict(), f.toString());
    assertEquals(50, f.total(), "every connection of the pool was opened and carried requests: " + f.counts());
    f.counts().values().forEach(c -> assertTrue(c == 12 || c == 13, "12 or 13 each: " + f.counts()));
    report.workers().values().forEach(w -> assertEquals(w.connections(), f.counts().get(w.id())));
    if (!report.saturated()) {
      assertEquals(Verdict.PASS, report.verdict(), report.violations().toString());
    }
    // Least recently used first: 4,000 requests (warm-up included) over 50 connections, ~80 each.
    int min = perConnection.values().stream().mapToInt(AtomicInteger::get).min().orElseThrow();
    int max = perConnection.values().stream().mapToInt(AtomicInteger::get).max().orElseThrow();
    assertEquals(50, perConnection.size());
    assertTrue(max - min <= 8, "requests spread over the connections: " + min + ".." + max);
  }

  @Test
  void twoThirdsOfTheConnectionsOnOneOfTwoIsUnfair() throws Exception {
    int port = serve(n -> n % 3 == 2 ? "B" : "A");
    Report report = run(port, 48, Duration.ofSeconds(2));
    FairnessResult f = report.fairness();
    assertEquals(FairnessVerdict.UNFAIR, f.verdict(), f.toString());
    assertEquals(Map.of("A", 32L, "B", 16L), f.counts());
    if (!report.saturated()) {
      assertEquals(Verdict.THRESHOLD_FAILED, report.verdict());
    }
  }

  @Test
  void eightConnectionsOverFourWorkersAreInconclusiveAndSayHowManyWould() throws Exception {
    int port = serve(n -> "w" + n % 4);
    Report report = run(port, 8, Duration.ofSeconds(2));
    FairnessResult f = report.fairness();
    assertEquals(FairnessVerdict.INCONCLUSIVE, f.verdict(), f.toString());
    assertEquals(40, f.total() + f.moreNeeded(), "40 connections resolve ±10% over 4 workers");
    assertTrue(TextSummary.format(report).contains("40 would"), TextSummary.format(report));
  }
}
