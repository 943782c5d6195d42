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

  /**
   * A sticky cluster places client addresses: the generator's one address goes to one worker by design.
   * That is no verdict on the cluster (it printed UNFAIR 63/59937 here); 32 addresses are counted.
   */
  @Test
  void aStickyClusterIsJudgedByTheAddressesItPlaced() throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("hello.groovy").toString(), "verdict-sticky",
        "--workers", "2", "--set", "cluster.scheduling=sticky")) {
      JclForTests.Result one = JclForTests.run("loadtest", "--cluster", cluster.name, "--rps", "500",
          "--duration", "3s", "--max-failed", "0");
      System.out.println(one.out() + one.err());
      assertTrue(one.out().lines().anyMatch(l -> l.startsWith("fairness") && l.matches("fairness +INCONCLUSIVE by sources (1/0|0/1) .*")
          && l.contains("--source-ips")), one.out());
      assertEquals(0, one.code(), one.out());
      JclForTests.Result many = JclForTests.run("loadtest", "--cluster", cluster.name, "--rps", "500",
          "--duration", "3s", "--source-ips", "32", "--expect-sticky", "--max-failed", "0");
      System.out.println(many.out() + many.err());
      assertTrue(many.out().lines().anyMatch(l -> l.startsWith("fairness") && l.matches(".* by sources \\d+/\\d+ .*")),
          many.out());
      assertEquals(0, many.code(), many.out());
    }
  }

  @Test
  void withoutAUrlOrARunningClusterItSaysWhatToDo() {
    JclForTests.Result r = JclForTests.run("loadtest", "--cluster", "no-such-cluster", "--rps", "100");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no cluster named 'no-such-cluster' is running"), r.err());
  }
}
