package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcl.cli.JclForTests;
import io.jcl.dsl.PrimarySpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sick workers on real processes (clusters/health.groovy: heartbeats every 250 ms, timeout 2 s, lag over
 * 1 s or heap after GC over 50% twice in a row, drainTimeout 3 s): each is reported unhealthy with its
 * reason, gets no new connection from then on, and is replaced the zero-downtime way while the other
 * worker serves. The only timing asserted is the issue's own bound: reported within timeout + 1 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthTest {

  /** health.timeout of health.groovy, plus the second the issue allows. */
  private static final long REPORTED_WITHIN_MS = 2_000 + 1_000;
  private static TestCluster cluster;
  private static Vertx vertx;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(TestCluster.script("health.groovy").toString(), "health");
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
    vertx.close().await();
  }

  /** Every slot LISTENING with a heartbeat in, nothing being replaced: each test sees its own verdict. */
  @BeforeEach
  void quiet() throws Exception {
    cluster.await(ws -> ws.stream().allMatch(w -> "LISTENING".equals(w.getString("state"))
        && w.getValue("successor") == null && w.getValue("leaving") == null && w.getJsonObject("health") != null), 40_000);
  }

  /**
   * A route blocks its event loop for 20 s: the worker is reported unhealthy within timeout + 1 s, gets no
   * new connection from then on (every request after the verdict is answered, by other workers), and is
   * replaced; the blocked one is killed after drainTimeout.
   */
  @Test
  @Order(1)
  void aBlockedEventLoopIsReportedAndReplaced() throws Exception {
    Set<Long> before = currentPids();
    // Under load: jcl loadtest --cluster follows the events log, and its report has a window for this replacement.
    Path json = Files.createTempFile("health-load", ".json");
    CompletableFuture<JclForTests.Result> load = CompletableFuture.supplyAsync(() -> JclForTests.run("loadtest",
        "--cluster", "health", "--rps", "200", "--duration", "20s", "--warmup", "1s", "--new-connection-per-request",
        "--json", json.toString()));
    Thread.sleep(3_000); // into the measured part: not a bound on anything, the window is found wherever it falls
    long t0 = System.currentTimeMillis();
    client.request(HttpMethod.POST, cluster.port, "127.0.0.1", "/block").compose(r -> r.send()); // never answered
    JsonObject sick = awaitVerdict(t0, 15_000);
    long pid = sick.getLong("pid");
    long reportedAfter = sick.getLong("lastRestartAt") - t0;
    System.out.println("blocked event loop: " + sick.getString("lastRestart") + ", reported after " + reportedAfter + " ms");
    assertTrue(sick.getString("lastRestart").startsWith("unhealthy: "), sick::encode);
    assertTrue(reportedAfter <= REPORTED_WITHIN_MS, () -> "reported " + reportedAfter + " ms after the block: " + sick);
    assertTrue(before.contains(pid), "one of the workers that served: " + sick);
    assertObserved(cluster, "worker.unhealthy", pid);

    // From the verdict on, no new connection reaches it: every one is answered, by another worker.
    List<String> servedBy = get(30);
    assertFalse(servedBy.stream().anyMatch(w -> w.endsWith("-" + pid)), () -> "after the verdict: " + servedBy);

    awaitReplaced(sick.getInteger("slot"), pid);

    JclForTests.Result loaded = load.get(120, TimeUnit.SECONDS);
    System.out.println(loaded.out());
    JsonObject report = new JsonObject(Files.readString(json));
    List<JsonObject> windows = report.getJsonArray("restarts").stream().map(o -> (JsonObject) o)
        .filter(w -> w.getString("cause").contains(" pid " + pid + " unhealthy: ")).toList();
    assertEquals(1, windows.size(), () -> "one window for the replacement of " + pid + ": " + report.getJsonArray("restarts"));
    JsonObject w = windows.get(0);
    assertTrue(w.getString("cause").startsWith("slot " + sick.getInteger("slot") + " pid " + pid + " unhealthy: "), w::encode);
    assertEquals("done", w.getString("status"), w::encode);
    JsonObject marks = w.getJsonObject("marks");
    assertTrue(marks.fieldNames().stream().anyMatch(k -> k.startsWith("successor LISTENING")), w::encode);
    assertTrue(marks.fieldNames().stream().anyMatch(k -> k.startsWith("old worker gone")), w::encode);
    for (String k : marks.fieldNames()) {
      double at = marks.getDouble(k);
      assertTrue(w.getDouble("startMs") <= at && at <= w.getDouble("endMs"), w::encode);
    }
    assertTrue(w.getLong("requests") > 0, w::encode);
    assertEquals(report.getLong("failed"), w.getLong("failed") + w.getLong("outsideFailed"), () -> "each failure counted once: " + w);
    assertTrue(loaded.out().contains("restart       slot " + sick.getInteger("slot") + " pid " + pid + " unhealthy: "), loaded.out());
  }

  /** {@code kill -STOP}: found the same way (acknowledgements and heartbeats stop), replaced, and the stopped one killed. */
  @Test
  @Order(2)
  void aStoppedWorkerIsReportedAndReplacedAndKilled() throws Exception {
    JsonObject victim = cluster.workers().get(0);
    long pid = victim.getLong("pid");
    long t0 = System.currentTimeMillis();
    signal("STOP", pid);
    try {
      for (int i = 0; i < 10; i++) { // traffic makes it owe acknowledgements: found before its heartbeat is late
        client.request(HttpMethod.GET, cluster.port, "127.0.0.1", "/").compose(r -> r.send());
      }
      JsonObject sick = awaitVerdict(t0, 15_000);
      long reportedAfter = sick.getLong("lastRestartAt") - t0;
      System.out.println("SIGSTOP: " + sick.getString("lastRestart") + ", reported after " + reportedAfter + " ms");
      assertEquals(pid, sick.getLong("pid"), sick::encode);
      assertTrue(reportedAfter <= REPORTED_WITHIN_MS, () -> "reported " + reportedAfter + " ms after SIGSTOP: " + sick);
      List<String> servedBy = get(20);
      assertFalse(servedBy.stream().anyMatch(w -> w.endsWith("-" + pid)), () -> "after the verdict: " + servedBy);
      awaitReplaced(0, pid);
    } finally {
      signal("CONT", pid); // harmless once it is gone
    }
  }

  /** A route keeps 70% of the heap reachable: heap after GC over maxHeap (50%) twice in a row, replaced. */
  @Test
  @Order(3)
  void aFullHeapGetsTheWorkerReplaced() throws Exception {
    long t0 = System.currentTimeMillis();
    String worker = client.request(HttpMethod.POST, cluster.port, "127.0.0.1", "/fill")
        .compose(req -> req.send().compose(r -> r.body().map(b -> r.getHeader("X-Jcl-Worker")))).await();
    long pid = Long.parseLong(worker.split("-")[1]);
    JsonObject sick = awaitVerdict(t0, 30_000);
    System.out.println("full heap: " + sick.getString("lastRestart"));
    assertEquals(pid, sick.getLong("pid"), sick::encode);
    assertTrue(sick.getString("lastRestart").startsWith("unhealthy: heap after GC"), sick::encode);
    awaitReplaced(sick.getInteger("slot"), pid);
  }

  /**
   * A route blocks an event loop that is not the one sending heartbeats (they stay on time) nor the one
   * taking passed sockets: its lag is measured there, and the worker is replaced for it.
   */
  @Test
  @Order(4)
  void aBlockedNonHeartbeatEventLoopIsSeen() throws Exception {
    // A loop of one worker's that is neither its heartbeat's (that shows as a late heartbeat) nor its fd
    // link's (a "stalled" verdict can come first): only the lag on that loop can tell.
    JsonObject target = cluster.workers().get(0);
    long pid = target.getLong("pid");
    JsonObject health = target.getJsonObject("health");
    Set<Integer> busy = new HashSet<>(Arrays.asList(health.getInteger("heartbeatLoop"), health.getInteger("fdLinkLoop")));
    int loops = health.getJsonArray("eventLoopLagsMs").size();
    int other = 0;
    while (busy.contains(other)) {
      other++;
    }
    assertTrue(other < loops, "a loop neither the heartbeat nor the fd link runs on, of " + loops + ": " + health);
    long t0 = System.currentTimeMillis();
    blockLoop(pid, other);
    JsonObject sick = awaitVerdict(t0, 15_000);
    System.out.println("blocked event loop " + other + ": " + sick.getString("lastRestart"));
    assertEquals(pid, sick.getLong("pid"), sick::encode);
    assertTrue(sick.getString("lastRestart").startsWith("unhealthy: event-loop lag"), sick::encode);
    assertTrue(sick.getString("lastRestart").contains("on event loop " + other + " of " + loops), sick::encode);
    awaitReplaced(sick.getInteger("slot"), pid);
  }

  /**
   * A route blocks the event loop the worker's fd link reads on (its heartbeat says which): the sockets
   * passed to it are no longer acknowledged, and the worker is found stalled and replaced.
   */
  @Test
  @Order(5)
  void aBlockedFdLinkLoopIsFoundStalled() throws Exception {
    JsonObject target = cluster.workers().get(0);
    long pid = target.getLong("pid");
    int link = target.getJsonObject("health").getInteger("fdLinkLoop");
    long t0 = System.currentTimeMillis();
    blockLoop(pid, link);
    for (int i = 0; i < 4; i++) { // some are passed to it; those are not answered until it is gone
      client.request(HttpMethod.GET, cluster.port, "127.0.0.1", "/").compose(req -> req.send());
    }
    JsonObject sick = awaitVerdict(t0, 15_000);
    System.out.println("blocked fd link loop " + link + ": " + sick.getString("lastRestart"));
    assertEquals(pid, sick.getLong("pid"), sick::encode);
    assertTrue(sick.getString("lastRestart").startsWith("unhealthy: stalled: "), sick::encode);
    awaitReplaced(sick.getInteger("slot"), pid);
  }

  /**
   * A slot whose workers exit at start: respawned with growing delays, errored after maxRestarts with the
   * reason and the worker's last output in {@code jcl status}, while the other slot serves every request.
   */
  @Test
  @Order(6)
  void aCrashLoopingSlotBacksOffAndErrorsWhileTheOtherServes() throws Exception {
    try (TestCluster loop = TestCluster.start(TestCluster.script("crashloop-late.groovy").toString(), "crashlate")) {
      loop.await(ws -> ws.stream().allMatch(w -> "LISTENING".equals(w.getString("state"))), 30_000);
      long victim = loop.workers().get(1).getLong("pid");
      Files.writeString(loop.runtimeDir().root().resolve("crash-slot-1"), "");
      signal("KILL", victim);
      loop.await(ws -> ws.get(1).getLong("pid") == null || ws.get(1).getLong("pid") != victim
          || !"LISTENING".equals(ws.get(1).getString("state")), 10_000);

      // Until slot 1 is errored, and a little after: every request answered by slot 0.
      int requests = 0;
      List<String> failures = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline && !"ERRORED".equals(loop.workers().get(1).getString("state"))) {
        for (int i = 0; i < 10; i++, requests++) {
          try {
            String body = client.request(HttpMethod.GET, loop.port, "127.0.0.1", "/")
                .compose(req -> req.send().compose(r -> r.body())).await().toString();
            if (!body.equals("slot 0")) {
              failures.add(body);
            }
          } catch (Exception e) {
            failures.add(e.toString());
          }
        }
      }
      JsonObject slot1 = loop.workers().get(1);
      assertEquals("ERRORED", slot1.getString("state"), slot1::encode);
      for (int i = 0; i < 20; i++, requests++) {
        String body = client.request(HttpMethod.GET, loop.port, "127.0.0.1", "/")
            .compose(req -> req.send().compose(r -> r.body())).await().toString();
        assertEquals("slot 0", body);
      }
      System.out.println("crash loop: " + requests + " requests, failures " + failures + "; " + slot1.getJsonObject("errored"));
      assertTrue(failures.isEmpty(), () -> "every request served by slot 0: " + failures);

      JsonObject errored = slot1.getJsonObject("errored");
      assertNotNull(errored, slot1::encode);
      assertTrue(errored.getString("reason").contains("restarted more than 3 times"), errored::encode);
      JsonArray output = errored.getJsonArray("lastOutput");
      assertTrue(output.stream().anyMatch(l -> l.toString().contains("crash-slot-1 is there")), errored::encode);
      String text = JclForTests.run("status", "crashlate").out();
      assertTrue(text.contains("slot 1: errored: slot 1 restarted more than 3 times"), text);
      assertTrue(text.contains("crash-slot-1 is there"), text);

      List<Long> delays = new ArrayList<>();
      Matcher m = Pattern.compile("slot 1: respawning in (\\d+) ms").matcher(Files.readString(loop.runtimeDir().log()));
      while (m.find()) {
        delays.add(Long.parseLong(m.group(1)));
      }
      assertEquals(List.of(200L, 400L, 800L), delays, "initial 200 ms, factor 2, three respawns before errored");
    }
  }

  /**
   * maxRequests 50 + jitter 0..10: the worker is recycled after serving its share (its warm-up not
   * counted), replaced the zero-downtime way, and every request is answered.
   */
  @Test
  @Order(7)
  void maxRequestsRecyclesTheWorkerWithoutAFailedRequest() throws Exception {
    try (TestCluster one = TestCluster.start(TestCluster.script("health.groovy").toString(), "recycle",
        "--set", "cluster.workers=1", "--set", "health.maxRequests=50",
        // A held connection fails after 1 s: the successor takes longer to start, so a worker that left
        // the rotation at the verdict (not when its successor serves) fails requests here.
        "--set", "health.maxRequestsJitter=10", "--set", "cluster.holdTimeout=1s")) {
      one.await(ws -> "LISTENING".equals(ws.get(0).getString("state")), 30_000);
      long first = one.workers().get(0).getLong("pid");
      long t0 = System.currentTimeMillis();
      // Requests go on until the successor serves: the one worker keeps serving while it starts.
      long deadline = System.currentTimeMillis() + 30_000;
      JsonObject slot = null;
      for (int i = 0; slot == null; i++) {
        int n = i;
        int status = client.request(HttpMethod.GET, one.port, "127.0.0.1", "/")
            .compose(req -> req.send().compose(r -> r.body().map(b -> r.statusCode()))).await();
        assertEquals(200, status, () -> "request " + n);
        if (i >= 80 && i % 10 == 0) {
          JsonObject w = one.workers().get(0);
          if (verdictAt(w) >= t0 && w.getLong("pid") != first && "LISTENING".equals(w.getString("state"))) {
            slot = w;
          }
          assertTrue(System.currentTimeMillis() < deadline, () -> "not replaced within 30 s: " + w.encode());
        }
      }
      System.out.println("recycled: " + slot.getString("lastRestart"));
      assertTrue(slot.getString("lastRestart").matches("recycled: served \\d+ requests \\(maxRequests 50( \\+ jitter \\d+)?\\)"),
          slot::encode);
      assertEquals(first, slot.getLong("lastRestartPid"));
      assertObserved(one, "worker.recycled", first);
    }
  }

  /**
   * The verdict is in the events log, and every event there is one a primary block may observe; the primary
   * block of health.groovy did observe it ({@code on('worker.unhealthy') { }} prints to the primary's log).
   */
  private static void assertObserved(TestCluster c, String event, long pid) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    String line = "observed " + event + ": slot ";
    while (!Files.readString(c.runtimeDir().log()).contains(line) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    String log = Files.readString(c.runtimeDir().log());
    assertTrue(log.lines().anyMatch(l -> l.contains(line) && l.contains("pid " + pid + ": ")), () -> "the primary block's "
        + event + " handler ran for " + pid + ":\n" + log);
    List<JsonObject> events = Files.readAllLines(c.runtimeDir().eventsFile()).stream().map(JsonObject::new).toList();
    assertTrue(events.stream().anyMatch(e -> event.equals(e.getString("event")) && e.getLong("pid") == pid), events::toString);
    for (JsonObject e : events) {
      assertTrue(PrimarySpec.EVENTS.contains(e.getString("event")), () -> "a primary block can observe " + e.encode());
    }
  }

  /** Polls until a slot reports a verdict made after {@code t0}; returns that slot's status. */
  private static JsonObject awaitVerdict(long t0, long timeoutMs) throws InterruptedException {
    JsonObject status = cluster.await(ws -> ws.stream().anyMatch(w -> verdictAt(w) >= t0), timeoutMs);
    return status.getJsonArray("workers").stream().map(o -> (JsonObject) o)
        .filter(w -> verdictAt(w) >= t0).findFirst()
        .map(w -> w.copy().put("pid", w.getLong("lastRestartPid"))).orElseThrow();
  }

  private static long verdictAt(JsonObject slot) {
    Long at = slot.getLong("lastRestartAt");
    return at == null ? 0 : at;
  }

  /**
   * Blocks event loop {@code loop} of worker {@code pid} for 20 s. Sent on new connections until that
   * worker takes it: any other refuses (409) without blocking.
   */
  private static void blockLoop(long pid, int loop) {
    String blocked = "";
    for (int i = 0; i < 20 && !blocked.startsWith("blocking"); i++) {
      blocked = client.request(HttpMethod.POST, cluster.port, "127.0.0.1", "/block-loop/" + loop + "?pid=" + pid)
          .compose(req -> req.send().compose(r -> r.body())).await().toString();
    }
    assertTrue(blocked.startsWith("blocking"), "worker " + pid + " never answered: " + blocked);
  }

  /** The slot serves from a new worker, and the replaced one is gone (drained, or killed after drainTimeout). */
  private static void awaitReplaced(int slot, long pid) throws Exception {
    cluster.await(ws -> "LISTENING".equals(ws.get(slot).getString("state")) && ws.get(slot).getLong("pid") != pid, 30_000);
    long deadline = System.currentTimeMillis() + 20_000;
    while (ClusterLifecycleTest.running(pid) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(ClusterLifecycleTest.running(pid), "the replaced worker " + pid + " is gone");
    assertNotEquals(pid, cluster.workers().get(slot).getLong("pid"));
  }

  private static Set<Long> currentPids() {
    return cluster.workers().stream().map(w -> w.getLong("pid")).collect(Collectors.toSet());
  }

  /** {@code n} GETs of / on new connections, one after another; each worker that answered. */
  private static List<String> get(int n) {
    List<String> by = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      by.add(client.request(HttpMethod.GET, cluster.port, "127.0.0.1", "/")
          .compose(req -> req.send().compose(r -> r.body().map(b -> {
            assertEquals(200, r.statusCode());
            return r.getHeader("X-Jcl-Worker");
          }))).await());
    }
    return by;
  }

  private static void signal(String name, long pid) throws Exception {
    new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
  }
}
