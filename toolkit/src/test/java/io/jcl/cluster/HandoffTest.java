package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Round-robin through the primary on real processes: the primary accepts, passes each socket to a
 * worker JVM over SCM_RIGHTS, and the worker's ordinary Vert.x HttpServer serves it. One 4-worker
 * cluster serves the fairness, descriptor and protocol checks.
 */
@ExtendWith(VertxExtension.class)
class HandoffTest {

  private static TestCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(TestCluster.script("handoff.groovy").toString(), "handoff");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void tenThousandConnectionsShareEvenlyAndLeakNoDescriptors(Vertx vertx) throws Exception {
    List<Long> pids = new ArrayList<>(List.of(cluster.primaryPid()));
    cluster.workers().forEach(w -> pids.add(w.getLong("pid")));
    requests(vertx, cluster.port, 200, null); // warm up before counting descriptors
    Map<Long, Integer> before = descriptors(pids);

    Map<String, Integer> shares = requests(vertx, cluster.port, 10_000, null);
    System.out.println("round-robin, 10000 connections over 4 workers: " + shares);
    assertEquals(10_000, shares.values().stream().mapToInt(Integer::intValue).sum(), "every connection answered 200");
    assertEquals(4, shares.size());
    shares.forEach((worker, n) -> assertTrue(n >= 2400 && n <= 2600,
        () -> worker + " got " + n + " of 10000, outside 25% ± 1%: " + shares));

    Thread.sleep(500); // closes of the last connections settle
    Map<Long, Integer> after = descriptors(pids);
    for (long pid : pids) {
      int grown = after.get(pid) - before.get(pid);
      System.out.printf("descriptors of %d: %d before, %d after 10000 connections%n", pid, before.get(pid), after.get(pid));
      assertTrue(grown <= 16, "pid " + pid + " holds " + grown + " more descriptors after 10000 connections");
    }
  }

  /** jcl's own load generator, pointed at the round-robin cluster, judges it FAIR. */
  @Test
  void loadGeneratorJudgesRoundRobinFair() {
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setPreferNativeTransport(true));
    try {
      // Cold worker JVMs on 2 cores serve a few hundred new connections a second until their JIT has
      // run (measured: 500-600 with wrk; 360 in a fresh clone's CI run, where the first cluster also builds
      // its AppCDS archive meanwhile), and a verdict needs ~2,500 answered requests. So: warm them, then
      // 500 req/s for 8 s, which even 360/s answers enough of: this test judges the rotation, not the
      // start-up.
      requests(vertx, cluster.port, 2_000, null);
      io.jcl.loadgen.Report report = io.jcl.loadgen.LoadGenerator.run(vertx,
          io.jcl.loadgen.LoadSpec.builder("http://127.0.0.1:" + cluster.port + "/")
              .rps(500).warmup(java.time.Duration.ofSeconds(3)).duration(java.time.Duration.ofSeconds(8))
              .newConnectionPerRequest(true).connections(64)
              .build(),
          io.jcl.loadgen.ProgressListener.NONE).await();
      System.out.println("loadtest on round-robin: " + report.outcomes() + " " + report.saturationReasons() + " " + report.fairness());
      assertEquals(4, report.workers().size(), "all four workers seen: " + report.workers().keySet());
      assertEquals(io.jcl.loadgen.FairnessVerdict.FAIR, report.fairness().verdict(), report.fairness().toString());
    } finally {
      vertx.close().await();
    }
  }

  /**
   * The primary keeps the port while no worker can serve: a connection that arrives while the only
   * worker is dead (no standby, slow respawn) is held, then served by the replacement, not refused.
   */
  @Test
  void connectionsWaitForAReplacementInsteadOfBeingRefused(Vertx vertx) throws Exception {
    try (TestCluster one = TestCluster.start(TestCluster.script("hello.groovy").toString(), "held",
        "--workers", "1", "--set", "cluster.jvm.standby=false", "--set", "restart.backoff.initial=1s")) {
      long pid = one.workers().get(0).getLong("pid");
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      one.await(ws -> !ws.get(0).getString("state").equals("LISTENING"), 10_000);
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
      HttpClientResponse r = client.request(HttpMethod.GET, one.port, "127.0.0.1", "/")
          .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp))).await();
      assertEquals(200, r.statusCode());
      assertTrue(!r.getHeader("X-Jcl-Worker").endsWith("-" + pid), "served by the replacement");
      JsonObject connections = one.status().getJsonObject("primary").getJsonObject("connections");
      assertTrue(connections.getLong("held") >= 1, "the request was held: " + connections);
      assertEquals(0L, connections.getLong("dropped"));
      client.close();
    }
  }

  @Test
  void keepAliveStaysWithOneWorker(Vertx vertx) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1));
    Set<String> workers = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      HttpClientResponse r = get(client, "/");
      assertEquals(200, r.statusCode());
      workers.add(r.getHeader("X-Jcl-Worker"));
    }
    assertEquals(1, workers.size(), "one connection, one worker: " + workers);
    client.close();
  }

  @Test
  void h2cWithPriorKnowledge(Vertx vertx) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    HttpClientResponse r = get(client, "/");
    assertEquals(200, r.statusCode());
    assertEquals(HttpVersion.HTTP_2, r.version());
    client.close();
  }

  @Test
  void remoteAddressIsTheRealClient(Vertx vertx) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setLocalAddress("127.0.0.7"));
    String body = client.request(HttpMethod.GET, cluster.port, "127.0.0.1", "/")
        .compose(req -> req.send().compose(HttpClientResponse::body)).await().toString();
    assertTrue(body.endsWith("client 127.0.0.7"), body);
    client.close();
  }

  /** A WebSocket handshake and a masked text frame echoed back, through the primary. */
  @Test
  void webSocketEcho() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(cluster.port, "/ws")) {
      ws.sendText("ping through the primary");
      RawWebSocket.Frame echo = ws.read();
      assertEquals(0x1, echo.opcode(), "a text frame comes back");
      assertEquals("ping through the primary", echo.text());
    }
  }

  @Test
  void tlsTerminatedByTheWorker(Vertx vertx) throws Exception {
    try (TestCluster tls = TestCluster.start(TestCluster.script("tls.groovy").toString(), "tls")) {
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
          .setVerifyHost(false).setKeepAlive(false));
      for (int i = 0; i < 4; i++) {
        String body = client.request(HttpMethod.GET, tls.port, "127.0.0.1", "/")
            .compose(req -> req.send().compose(HttpClientResponse::body)).await().toString();
        assertEquals("tls ok, actualPort " + tls.port, body);
      }
      client.close();
    }
  }

  private static HttpClientResponse get(HttpClient client, String path) {
    return client.request(HttpMethod.GET, cluster.port, "127.0.0.1", path)
        .compose(req -> req.send().compose(r -> r.body().map(b -> r))).await();
  }

  /**
   * {@code n} GETs of / on new connections, 32 at a time, counted by X-Jcl-Worker (200s only).
   * {@code localAddress} binds the client side (for sticky tests); null lets the kernel choose.
   */
  static Map<String, Integer> requests(Vertx vertx, int port, int n, String localAddress) {
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(false);
    if (localAddress != null) {
      options.setLocalAddress(localAddress);
    }
    HttpClient client = vertx.createHttpClient(options, new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
    Map<String, Integer> counts = new TreeMap<>();
    for (int done = 0; done < n; ) {
      int batch = Math.min(32, n - done);
      List<Future<HttpClientResponse>> inFlight = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        inFlight.add(client.request(HttpMethod.GET, port, "127.0.0.1", "/")
            .compose(req -> req.send().compose(r -> r.body().map(b -> r))));
      }
      Future.join(inFlight).await();
      for (Future<HttpClientResponse> f : inFlight) {
        if (f.succeeded() && f.result().statusCode() == 200) {
          counts.merge(String.valueOf(f.result().getHeader("X-Jcl-Worker")), 1, Integer::sum);
        }
      }
      done += batch;
    }
    client.close();
    return counts;
  }

  private static Map<Long, Integer> descriptors(List<Long> pids) throws Exception {
    Map<Long, Integer> m = new TreeMap<>();
    for (long pid : pids) {
      try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
        m.put(pid, (int) s.count());
      }
    }
    return m;
  }
}
