package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcl.cli.JclForTests;
import io.jcl.loadgen.LoadGenerator;
import io.jcl.loadgen.LoadSpec;
import io.jcl.loadgen.ProgressListener;
import io.jcl.loadgen.Report;
import io.jcl.loadgen.TextSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jcl scale} under load on real processes: a 2-worker round-robin cluster scaled to 4 and back to
 * 2 while jcl's load generator runs, once over keep-alive connections and once with a new connection per
 * request. No request fails; afterwards slots 0 and 1 are LISTENING and the removed workers are gone.
 * Nothing here asserts a timing.
 */
class ScaleTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static TestCluster cluster;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(TestCluster.script("rolling.groovy").toString(), "scaling");
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
    vertx.close().await();
  }

  @Test
  void scaleUpAndDownUnderKeepAliveLoadFailsNoRequest() throws Exception {
    scaleUpAndDownUnderLoad(false);
  }

  @Test
  void scaleUpAndDownWithANewConnectionPerRequestFailsNoRequest() throws Exception {
    scaleUpAndDownUnderLoad(true);
  }

  private void scaleUpAndDownUnderLoad(boolean newConnections) throws Exception {
    Set<Long> removed = new HashSet<>();
    Future<Report> load = LoadGenerator.run(vertx, LoadSpec.builder("http://127.0.0.1:" + cluster.port + "/")
            .rps(600).warmup(Duration.ofSeconds(1)).duration(Duration.ofSeconds(12)).connections(50)
            .newConnectionPerRequest(newConnections).timeout(TIMEOUT).build(),
        ProgressListener.NONE);
    JclForTests.Result up = JclForTests.run("scale", cluster.name, "4");
    System.out.println(up.out() + up.err());
    assertEquals(0, up.code(), up.out() + up.err());
    List<JsonObject> four = cluster.workers();
    assertEquals(4, four.size(), four::toString);
    four.forEach(w -> assertEquals("LISTENING", w.getString("state"), four::toString));
    four.subList(2, 4).forEach(w -> removed.add(w.getLong("pid")));
    JclForTests.Result down = JclForTests.run("scale", cluster.name, "2");
    System.out.println(down.out() + down.err());
    assertEquals(0, down.code(), down.out() + down.err());
    Report report = load.await();
    System.out.println("scale 2 -> 4 -> 2 under load (new connections " + newConnections + "): " + report.outcomes()
        + " workers " + report.workers().keySet());
    System.out.println(TextSummary.format(report));
    assertEquals(0, report.failed(), () -> "no request failed: " + report.outcomes());
    // A keep-alive pool opened before the scale stays where it was placed: only new connections reach
    // the added slots (the removed slots' connections are closed by their drain and reopen on 0 and 1).
    assertTrue(!newConnections || report.workers().keySet().stream().anyMatch(k -> k.startsWith("2-") || k.startsWith("3-")),
        () -> "the added workers served: " + report.workers().keySet());
    List<JsonObject> two = cluster.workers();
    assertEquals(2, two.size(), two::toString);
    for (int i = 0; i < 2; i++) {
      assertEquals(i, two.get(i).getInteger("slot"), two::toString);
      assertEquals("LISTENING", two.get(i).getString("state"), two::toString);
    }
    removed.forEach(pid -> assertFalse(ClusterLifecycleTest.running(pid), "removed worker " + pid + " exited"));
  }
}
