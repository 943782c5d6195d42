package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The acceptance path on real processes: a detached hello cluster on a free port, requests on
 * new connections, status, a killed worker respawned into its slot, a graceful stop, and a killed
 * primary leaving no orphans. Timeouts here are generous safety nets, not assertions on speed: the
 * figures are measured in bench/startup.
 */
@ExtendWith(VertxExtension.class)
class ClusterLifecycleTest {

  /** Generous bound for anything that involves starting a JVM on a busy 2-core CI machine. */
  private static final long JVM_START_BOUND_MS = 20_000;

  @Test
  void serveRespawnAndStop(Vertx vertx) throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("hello.groovy").toString(), "lifecycle",
        "--workers", "2")) {
      List<JsonObject> workers = cluster.workers();
      assertEquals(2, workers.size());
      workers.forEach(w -> assertEquals("LISTENING", w.getString("state")));
      workers.forEach(w -> assertTrue(w.getLong("pid") > 0));

      Map<String, Integer> byWorker = requests(vertx, cluster.port, 50);
      assertEquals(50, byWorker.values().stream().mapToInt(Integer::intValue).sum(), "every request answered 200");
      assertEquals(2, byWorker.size(), () -> "both workers serve with SO_REUSEPORT: " + byWorker);
      for (JsonObject w : workers) {
        assertTrue(byWorker.containsKey(w.getInteger("slot") + "-" + w.getLong("pid")),
            () -> "X-Jcl-Worker names slot-pid of a live worker: " + byWorker);
      }

      long victim = workers.get(0).getLong("pid");
      ProcessHandle.of(victim).orElseThrow().destroyForcibly();
      long killedAt = System.nanoTime();
      JsonObject after = cluster.await(ws -> ws.get(0).getString("state").equals("LISTENING")
          && ws.get(0).getLong("pid") != victim, JVM_START_BOUND_MS);
      System.out.printf("respawn: slot 0 LISTENING again %d ms after kill -9%n", (System.nanoTime() - killedAt) / 1_000_000);
      JsonObject slot0 = after.getJsonArray("workers").getJsonObject(0);
      assertEquals(1, slot0.getInteger("restarts"));
      assertNotEquals(victim, slot0.getLong("pid"));
      assertEquals(2, requests(vertx, cluster.port, 20).size(), "the replacement serves too");

      long primary = cluster.primaryPid();
      List<Long> pids = cluster.workers().stream().map(w -> w.getLong("pid")).toList();
      assertEquals(0, io.jcl.cli.JclForTests.run("stop", cluster.name).code());
      assertFalse(ProcessHandle.of(primary).map(ProcessHandle::isAlive).orElse(false), "primary gone");
      for (long pid : pids) {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " gone");
      }
      assertFalse(Files.exists(cluster.runtimeDir().root()), "runtime dir removed");
    }
  }

  @Test
  void killedPrimaryLeavesNoWorkers() throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("hello.groovy").toString(), "orphans",
        "--workers", "2")) {
      List<Long> pids = cluster.workers().stream().map(w -> w.getLong("pid")).toList();
      ProcessHandle.of(cluster.primaryPid()).orElseThrow().destroyForcibly();
      long killedAt = System.nanoTime();
      long deadline = System.currentTimeMillis() + JVM_START_BOUND_MS;
      while (pids.stream().anyMatch(ClusterLifecycleTest::running) && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      System.out.printf("orphans: all workers gone %d ms after kill -9 of the primary%n",
          (System.nanoTime() - killedAt) / 1_000_000);
      for (long pid : pids) {
        assertFalse(running(pid), "worker " + pid + " exited");
      }
    }
  }

  /**
   * Whether a process still runs. An orphan that exited stays a zombie until the new parent (PID 1
   * here, which reaps lazily, ~2 s) collects it; it has exited all the same, and ProcessHandle would
   * still call it alive.
   */
  static boolean running(long pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.io.IOException e) {
      return false; // no such process
    }
  }

  @Test
  void crashLoopingSlotIsErroredWhileOthersServe(Vertx vertx) throws Exception {
    int port = TestCluster.freePort();
    io.jcl.cli.JclForTests.Result r = io.jcl.cli.JclForTests.run("run", TestCluster.script("crashloop.groovy").toString(),
        "--detach", "--name", "crashloop", "--port", Integer.toString(port), "--set", "cluster.host=127.0.0.1");
    try {
      assertEquals(1, r.code(), "--detach reports the failed start");
      assertTrue(r.err().contains("restarted more than 2 times"), r.err());
      assertTrue(r.err().contains("slot 1 cannot start"), () -> "the worker's own error is shown: " + r.err());
    } finally {
      io.jcl.primary.RuntimeDir.of("crashloop").delete();
    }
  }

  @Test
  void javaAndGroovyVerticlesServeTheClusterPort(Vertx vertx) throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("api-verticle.groovy").toString(), "verticles")) {
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
      String body = client.request(HttpMethod.GET, cluster.port, "127.0.0.1", "/?name=jcl")
          .compose(req -> req.send().compose(resp -> {
            assertTrue(resp.getHeader("X-Jcl-Worker") != null, "header stamped on a verticle's own server");
            return resp.body();
          })).await().toString();
      assertEquals("hi, jcl\n", body, "Java GreetingApi asked the Groovy Greeter verticle");
    }
  }

  /** {@code n} GETs of / on new connections; counts 200 responses by X-Jcl-Worker. */
  static Map<String, Integer> requests(Vertx vertx, int port, int n) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      HttpClientResponse resp = client.request(HttpMethod.GET, port, "127.0.0.1", "/")
          .compose(req -> req.send().compose(r -> r.body().map(b -> r))).await();
      if (resp.statusCode() == 200) {
        counts.merge(Optional.ofNullable(resp.getHeader("X-Jcl-Worker")).orElse("none"), 1, Integer::sum);
      }
    }
    client.close();
    return counts;
  }
}
