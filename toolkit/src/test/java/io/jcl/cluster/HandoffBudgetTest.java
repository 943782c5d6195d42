package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcl.transport.HandoffTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stalled worker (SIGSTOP) strands at most the handoff budget: the primary counts the sockets a worker
 * has not acknowledged and skips it once the budget is used, instead of filling its socket buffer with
 * hundreds. Nothing is lost: the stranded connections are served once the worker resumes.
 */
@ExtendWith(VertxExtension.class)
class HandoffBudgetTest {

  private static final int CONNECTIONS = 400;

  @Test
  void aStalledWorkerStrandsAtMostTheBudget(Vertx vertx) throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("hello.groovy").toString(), "budget",
        // The stalled worker is found out after ~1 s and replaced; it must not be killed after its drain
        // timeout before this test resumes it (on a slow CI machine that came within the test's window).
        "--set", "cluster.workers=2", "--set", "health.timeout=60s", "--set", "restart.drainTimeout=120s")) {
      cluster.await(ws -> ws.stream().allMatch(w -> w.getString("state").equals("LISTENING")), 30_000);
      JsonObject stalled = cluster.workers().get(1);
      String stalledWorker = stalled.getInteger("slot") + "-" + stalled.getLong("pid");
      signal("STOP", stalled.getLong("pid"));
      try {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false),
            new PoolOptions().setHttp1MaxSize(CONNECTIONS));
        AtomicInteger answered = new AtomicInteger();
        List<Future<HttpClientResponse>> all = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
          all.add(client.request(HttpMethod.GET, cluster.port, "127.0.0.1", "/")
              .compose(req -> req.send().compose(r -> r.body().map(b -> r)))
              .onComplete(x -> answered.incrementAndGet()));
        }
        // The running worker answers everything but what the stalled one holds; wait for that, bounded.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (answered.get() < CONNECTIONS - HandoffTarget.BUDGET && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertTrue(answered.get() >= CONNECTIONS - HandoffTarget.BUDGET, () -> answered.get() + " of " + CONNECTIONS
            + " answered within 20 s while one worker was stalled, by worker " + byWorker(all) + "; primary log:\n"
            + cluster.logTail());
        Thread.sleep(200); // a stalled worker over budget would strand more; give them the time to show
        int beforeResume = answered.get();
        signal("CONT", stalled.getLong("pid"));
        Future.join(all).await();

        Map<String, Integer> byWorker = new TreeMap<>();
        for (Future<HttpClientResponse> f : all) {
          assertTrue(f.succeeded(), () -> "request failed: " + f.cause());
          assertEquals(200, f.result().statusCode());
          byWorker.merge(f.result().getHeader("X-Jcl-Worker"), 1, Integer::sum);
        }
        System.out.println("budget: answered before resume " + beforeResume + ", by worker " + byWorker);
        int stranded = byWorker.getOrDefault(stalledWorker, 0);
        assertTrue(stranded <= HandoffTarget.BUDGET, stranded + " connections went to the stalled worker " + byWorker);
        assertEquals(CONNECTIONS - stranded, beforeResume, "everything else was answered while it was stalled");
        client.close();
      } finally {
        // Not asserted: a failure above must not be masked by a worker that is gone.
        new ProcessBuilder("kill", "-CONT", Long.toString(stalled.getLong("pid"))).inheritIO().start().waitFor();
      }
    }
  }

  private static Map<String, Integer> byWorker(List<Future<HttpClientResponse>> all) {
    Map<String, Integer> by = new TreeMap<>();
    for (Future<HttpClientResponse> f : all) {
      if (f.isComplete()) {
        by.merge(f.succeeded() ? String.valueOf(f.result().getHeader("X-Jcl-Worker")) : "failed", 1, Integer::sum);
      }
    }
    return by;
  }

  private static void signal(String name, long pid) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor());
  }
}
