package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcl.cli.JclForTests;
import org.junit.jupiter.api.Test;

/**
 * The command users type first, against a cluster just started: {@code jcl loadtest --cluster NAME --rps
 * 5000 --fair --max-failed 0} on a 2-worker round-robin cluster under keep-alive says FAIR and exits 0.
 * (It once said UNFAIR 66/34 and SATURATED "20 req/s" here: the pool reused its warmest connections, and
 * one pacer hiccup voided the run.)
 */
class LoadtestVerdictTest {

  @Test
  void aFreshRoundRobinClusterIsFairUnderKeepAlive() throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("hello.groovy").toString(), "verdict",
        "--workers", "2")) {
      JclForTests.Result r = JclForTests.run("loadtest", "--cluster", cluster.name, "--rps", "5000",
          "--duration", "10s", "--connections", "50", "--fair", "--max-failed", "0");
      System.out.println(r.out() + r.err());
      assertTrue(r.out().contains("http://127.0.0.1:" + cluster.port + "/"), "the cluster found by name: " + r.out());
      assertTrue(r.out().contains("FAIR by connections 25/25"), "50 connections placed 25/25: " + r.out());
      assertEquals(0, r.code(), r.out());
    }
  }

  @Test
  void withoutAUrlOrARunningClusterItSaysWhatToDo() {
    JclForTests.Result r = JclForTests.run("loadtest", "--cluster", "no-such-cluster", "--rps", "100");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no cluster named 'no-such-cluster' is running"), r.err());
  }
}
