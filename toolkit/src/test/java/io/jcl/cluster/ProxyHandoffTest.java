package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fallback where sockets cannot be passed: the primary copies bytes to each worker's private port.
 * Forced here with {@code handoff 'proxy'} (on a platform without epoll `jcl run` picks it by itself): the
 * same exact rotation, a killed worker's connections go to the other one and nothing is dropped.
 */
@ExtendWith(VertxExtension.class)
class ProxyHandoffTest {

  @Test
  void primaryProxiesInTurnAndSurvivesAKilledWorker(Vertx vertx) throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("hello.groovy").toString(), "proxy",
        "--set", "cluster.workers=2", "--set", "cluster.handoff=proxy")) {
      cluster.await(ws -> ws.stream().allMatch(w -> w.getString("state").equals("LISTENING")), 30_000);
      Map<String, Integer> counts = HandoffTest.requests(vertx, cluster.port, 400, null);
      System.out.println("proxy: " + counts);
      assertEquals(2, counts.size(), counts::toString);
      counts.values().forEach(n -> assertEquals(200, n, counts::toString));

      JsonObject victim = cluster.workers().get(1);
      ProcessHandle.of(victim.getLong("pid")).orElseThrow().destroyForcibly();
      // A request already inside a worker that dies is lost whatever the primary does (as in Node):
      // what counts is that none is sent to it once its exit is known.
      cluster.await(ws -> !ws.get(1).getLong("pid").equals(victim.getLong("pid"))
          || !ws.get(1).getString("state").equals("LISTENING"), 10_000);
      Map<String, Integer> during = HandoffTest.requests(vertx, cluster.port, 100, null);
      assertEquals(100, during.values().stream().mapToInt(Integer::intValue).sum(), "all served: " + during);

      JsonObject back = cluster.await(ws -> ws.get(1).getString("state").equals("LISTENING")
          && !ws.get(1).getLong("pid").equals(victim.getLong("pid")), 30_000);
      assertNotEquals(victim.getLong("pid"), back.getJsonArray("workers").getJsonObject(1).getLong("pid"));
      assertEquals(2, HandoffTest.requests(vertx, cluster.port, 10, null).size(), "the replacement serves");
      assertEquals(0L, back.getJsonObject("primary").getJsonObject("connections").getLong("dropped"));
    }
  }
}
