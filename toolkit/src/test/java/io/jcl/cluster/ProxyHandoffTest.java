package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fallback where sockets cannot be passed: the primary copies bytes to each worker's private port.
 * Forced here with {@code handoff 'proxy'} and workers on NIO (on a platform without epoll `jcl run` does
 * both by itself): the
 * same exact rotation, the real client reaches the application through a PROXY protocol line, a killed
 * worker's connections go to the other one and nothing is dropped.
 */
@ExtendWith(VertxExtension.class)
class ProxyHandoffTest {

  @Test
  void primaryProxiesInTurnAndSurvivesAKilledWorker(Vertx vertx) throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("handoff.groovy").toString(), "proxy",
        "--set", "cluster.workers=2", "--set", "cluster.handoff=proxy",
        // Workers as on a platform without epoll: Netty's native transport off, so they run on NIO.
        "--set", "cluster.jvm.options=-Dio.netty.transport.noNative=true")) {
      cluster.await(ws -> ws.stream().allMatch(w -> w.getString("state").equals("LISTENING")), 30_000);
      Map<String, Integer> counts = HandoffTest.requests(vertx, cluster.port, 400, null);
      System.out.println("proxy: " + counts);
      assertEquals(2, counts.size(), counts::toString);
      counts.values().forEach(n -> assertEquals(200, n, counts::toString));

      // The PROXY protocol line: the worker sees the real client (bound to 127.0.0.7 here) and the
      // cluster's port, not the primary's connection to its private port.
      HttpClient from7 = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setLocalAddress("127.0.0.7"));
      String body = from7.request(HttpMethod.GET, cluster.port, "127.0.0.1", "/")
          .compose(req -> req.send().compose(HttpClientResponse::body)).await().toString();
      assertTrue(body.endsWith("port " + cluster.port + " client 127.0.0.7"), body);
      from7.close();

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
