package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcl.cli.JclForTests;
import io.jcl.loadgen.LoadGenerator;
import io.jcl.loadgen.LoadSpec;
import io.jcl.loadgen.ProgressListener;
import io.jcl.loadgen.Report;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Zero-downtime replacement on real processes: one 2-worker round-robin cluster whose script (a copy
 * in a temporary directory) each test rewrites before it reloads. Every response names the generation
 * that served it. The load comes from jcl's own generator, keep-alive, at a rate a 2-core CI machine
 * serves with room to spare, so a failed request is the roll's fault. Nothing here asserts a timing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingRestartTest {

  private static final Path SCRIPTS = Path.of("src", "test", "resources", "clusters");
  /**
   * What {@code jcl loadtest} allows a request by default. A new worker JVM is cold (its first requests
   * are slow until warm replacements land), and on a crowded 2-core machine that can stall a keep-alive
   * connection past the library's 2 s: slow, not failed.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static Path dir;
  private static Path script;
  private static TestCluster cluster;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("jcl-rolling");
    script = dir.resolve("rolling.groovy");
    use("rolling.groovy");
    cluster = TestCluster.start(script.toString(), "rolling");
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
    vertx.close().await();
    try (var files = Files.list(dir)) {
      files.forEach(f -> f.toFile().delete());
    }
    Files.deleteIfExists(dir);
  }

  /**
   * Before each test: every slot LISTENING with no replacement under way, and the spare booted, so a
   * test measures its own roll and not the tail of the last one.
   */
  @BeforeEach
  void quiet() throws Exception {
    cluster.await(ws -> ws.stream().allMatch(w -> "LISTENING".equals(w.getString("state"))
        && w.getValue("successor") == null && w.getValue("leaving") == null), 30_000);
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject standby = cluster.status().getJsonObject("standby");
      if (standby != null && standby.getBoolean("ready")) {
        return;
      }
      Thread.sleep(100);
    }
  }

  /** The cluster's script becomes {@code name} from the test resources: what the next reload reads. */
  private static void use(String name) throws Exception {
    Files.copy(SCRIPTS.resolve(name), script, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @Order(1)
  void rollUnderKeepAliveLoadFailsNoRequest() throws Exception {
    List<Long> before = pids();
    io.vertx.core.Promise<JsonObject> rolled = io.vertx.core.Promise.promise();
    Report report = LoadGenerator.run(vertx, LoadSpec.builder("http://127.0.0.1:" + cluster.port + "/")
            .rps(600).warmup(Duration.ofSeconds(2)).duration(Duration.ofSeconds(12)).connections(16).timeout(TIMEOUT)
            .restartAt(Duration.ofSeconds(1))
            .restartTrigger(() -> reload(null, e -> System.out.println("reload: " + e.encode()))
                .onComplete(rolled)
                .compose(r -> "done".equals(r.getString("result")) ? Future.succeededFuture() : Future.failedFuture(r.encode())))
            .build(),
        ProgressListener.NONE).await();
    System.out.println("roll under load: " + report.outcomes() + " restarts " + report.restarts()
        + " workers " + report.workers().keySet());
    assertEquals(1, report.restarts().size(), () -> "the roll ran: " + report.restartNote());
    // On a crowded machine the roll may outlast the load: its outcome is the reload's own answer.
    JsonObject result = rolled.future().await();
    assertEquals("done", result.getString("result"), result::encode);
    assertEquals(0, report.failed(), () -> "no request failed across the roll: " + report.outcomes());
    List<JsonObject> workers = cluster.workers();
    workers.forEach(w -> assertEquals(2, w.getInteger("generation"), () -> "every slot on generation 2: " + workers));
    workers.forEach(w -> assertFalse(before.contains(w.getLong("pid")), () -> "every worker replaced: " + workers));
    before.forEach(pid -> assertFalse(ClusterLifecycleTest.running(pid), "old worker " + pid + " exited"));
  }

  /**
   * A 5 s request in flight when its worker drains completes with 200 from the old generation; the
   * reload reported that worker draining before the response came back.
   */
  @Test
  @Order(2)
  void requestInFlightWhenItsWorkerDrainsCompletes() throws Exception {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    int before = cluster.status().getJsonObject("primary").getInteger("generation");
    Set<Long> drainingPids = ConcurrentHashMap.newKeySet();
    Future<Answer> slow = client.request(HttpMethod.GET, cluster.port, "127.0.0.1", "/slow")
        .compose(req -> req.send().compose(r -> r.body().map(b -> new Answer(r.statusCode(), r.getHeader("X-Jcl-Worker"),
            b.toString()))));
    Set<Long> drainedBeforeAnswer = ConcurrentHashMap.newKeySet();
    slow.onSuccess(r -> drainedBeforeAnswer.addAll(drainingPids));
    Thread.sleep(200); // the request reaches its worker before the roll starts
    JsonObject result = reload(2, e -> {
      if ("draining".equals(e.getString("event"))) {
        drainingPids.add(e.getLong("pid"));
      }
    }).await();
    assertEquals("done", result.getString("result"), result::encode);
    Answer r = slow.await();
    assertEquals(200, r.status());
    assertEquals("slow from generation " + before, r.body());
    long servedBy = Long.parseLong(r.worker().split("-")[1]);
    assertTrue(drainedBeforeAnswer.contains(servedBy),
        () -> "worker " + servedBy + " was draining while the request was in flight: " + drainedBeforeAnswer);
    String after = client.request(HttpMethod.GET, cluster.port, "127.0.0.1", "/")
        .compose(req -> req.send().compose(HttpClientResponse::body)).await().toString();
    assertTrue(after.startsWith("generation " + (before + 1)), "a new request lands on the new generation: " + after);
    client.close();
  }

  /**
   * A WebSocket open across the roll: its worker's drain shuts the server down gracefully, the
   * application's {@code shutdownHandler} closes it with 1001, and the client reads that close frame (an
   * EOF or a reset would throw), then the roll completes.
   */
  @Test
  @Order(3)
  void webSocketOpenAcrossTheRollGetsACloseFrame() throws Exception {
    int before = cluster.status().getJsonObject("primary").getInteger("generation");
    try (RawWebSocket ws = RawWebSocket.open(cluster.port, "/ws")) {
      ws.sendText("hello");
      assertEquals("hello from generation " + before, ws.read().text());
      Future<JsonObject> rolled = reload(2, e -> { });
      RawWebSocket.Frame last = ws.read();
      assertEquals(0x8, last.opcode(), "a close frame, not data: " + last.text());
      assertEquals(1001, last.closeCode(), "the application's goodbye");
      JsonObject result = rolled.await();
      assertEquals("done", result.getString("result"), result::encode);
    }
  }

  /** {@code kill -TERM} of one worker under keep-alive load: it drains, its slot gets a new worker, nothing fails. */
  @Test
  @Order(4)
  void sigtermedWorkerDrainsAndIsReplaced() throws Exception {
    JsonObject victim = cluster.workers().get(0);
    long pid = victim.getLong("pid");
    Future<Report> load = LoadGenerator.run(vertx, LoadSpec.builder("http://127.0.0.1:" + cluster.port + "/")
        .rps(600).warmup(Duration.ofSeconds(1)).duration(Duration.ofSeconds(6)).connections(16).timeout(TIMEOUT)
        .build(),
        ProgressListener.NONE);
    Thread.sleep(2_500);
    ProcessHandle.of(pid).orElseThrow().destroy(); // SIGTERM, as systemd or a container runtime sends it
    Report report = load.await();
    System.out.println("SIGTERM under load: " + report.outcomes());
    assertEquals(0, report.failed(), () -> "no request failed: " + report.outcomes());
    cluster.await(ws -> ws.get(0).getString("state").equals("LISTENING") && ws.get(0).getLong("pid") != pid
        && ws.get(0).getJsonArray("leaving") == null, 20_000);
    assertFalse(ClusterLifecycleTest.running(pid), "the SIGTERM'd worker exited");
    assertEquals(victim.getInteger("generation"), cluster.workers().get(0).getInteger("generation"),
        "its replacement runs the same generation");
  }

  /** A script that no longer type-checks is refused with its position, and nothing restarts. */
  @Test
  @Order(5)
  void reloadOfAScriptWithATypeErrorRestartsNothing() throws Exception {
    List<Long> before = pids();
    use("rolling-type-error.groovy");
    try {
      JclForTests.Result r = JclForTests.run("reload", cluster.name);
      assertEquals(1, r.code(), r.out() + r.err());
      assertTrue(r.err().contains("rolling.groovy:3:5: cluster.workers expects a whole number or auto, got String"), r.err());
      assertTrue(r.err().contains("reload refused"), r.err());
      assertEquals(before, pids(), "no worker restarted");
    } finally {
      use("rolling.groovy");
    }
  }

  /**
   * New workers that throw in the worker block: the reload exits non-zero naming the slot, the old
   * workers keep serving (no failed request under load), no slot changed generation, and the spare
   * booted afterwards is of the serving generation.
   */
  @Test
  @Order(6)
  void reloadWhoseWorkersCannotStartKeepsTheOldOnes() throws Exception {
    List<JsonObject> before = cluster.workers();
    use("rolling-broken-worker.groovy");
    try {
      Future<Report> load = LoadGenerator.run(vertx, LoadSpec.builder("http://127.0.0.1:" + cluster.port + "/")
          .rps(500).warmup(Duration.ofSeconds(1)).duration(Duration.ofSeconds(5)).connections(16).timeout(TIMEOUT)
          .build(),
          ProgressListener.NONE);
      Thread.sleep(1_500);
      JclForTests.Result r = JclForTests.run("reload", cluster.name);
      Report report = load.await();
      System.out.println("failed reload under load: " + report.outcomes() + "\n" + r.out() + r.err());
      assertEquals(1, r.code(), r.out() + r.err());
      assertTrue(r.err().contains("reload aborted: slot 0"), r.err());
      assertTrue(r.err().contains("its old worker keeps serving"), r.err());
      assertEquals(0, report.failed(), () -> "the old workers served throughout: " + report.outcomes());
      List<JsonObject> after = cluster.workers();
      for (int i = 0; i < before.size(); i++) {
        assertEquals(before.get(i).getLong("pid"), after.get(i).getLong("pid"), "slot " + i + " kept its worker");
        assertEquals("LISTENING", after.get(i).getString("state"));
      }
      // What starts from now on (a scale-up, the spare) runs the generation that serves, not the broken one.
      int serving = before.get(0).getInteger("generation");
      assertEquals(serving, cluster.status().getJsonObject("primary").getInteger("generation"));
      long deadline = System.currentTimeMillis() + 30_000;
      JsonObject standby = cluster.status().getJsonObject("standby");
      while ((standby == null || !standby.getBoolean("ready")) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
        standby = cluster.status().getJsonObject("standby");
      }
      assertTrue(standby != null && standby.getBoolean("ready"), "a spare booted after the aborted reload: " + standby);
      assertEquals(serving, standby.getInteger("generation"), "the spare runs the serving generation");
    } finally {
      use("rolling.groovy");
    }
  }

  private static List<Long> pids() {
    return cluster.workers().stream().map(w -> w.getLong("pid")).toList();
  }

  /**
   * {@code POST /reload} on the admin API, as {@code jcl reload} calls it: each progress line to
   * {@code progress}, the result line as the future's value. Never blocks (the load generator calls it on
   * its event loop).
   */
  private static Future<JsonObject> reload(Integer parallel, Consumer<JsonObject> progress) {
    String port;
    String token;
    try {
      port = Files.readString(cluster.runtimeDir().adminPortFile()).trim();
      token = Files.readString(cluster.runtimeDir().tokenFile()).trim();
    } catch (java.io.IOException e) {
      return Future.failedFuture(e);
    }
    HttpClient admin = vertx.createHttpClient();
    JsonObject[] last = {null};
    return admin.request(HttpMethod.POST, Integer.parseInt(port), "127.0.0.1",
            "/reload" + (parallel == null ? "" : "?parallel=" + parallel))
        .compose(req -> req.putHeader("Authorization", "Bearer " + token).send())
        .compose(resp -> {
          io.vertx.core.Promise<JsonObject> done = io.vertx.core.Promise.promise();
          RecordParser lines = RecordParser.newDelimited("\n", line -> {
            JsonObject e = new JsonObject(line);
            last[0] = e;
            progress.accept(e);
          });
          resp.handler(lines).endHandler(v -> done.complete(last[0])).exceptionHandler(done::tryFail);
          return done.future();
        })
        .eventually(admin::close);
  }

  private record Answer(int status, String worker, String body) {
  }
}
