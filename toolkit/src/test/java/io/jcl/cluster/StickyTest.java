package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sticky by client IP: 16 source addresses, 20 connections each, always one worker per address; a
 * killed worker moves only its own addresses, and they come back once its slot is LISTENING again.
 * The respawn is slowed down (no standby, 3 s backoff) so the test can look while the slot is down.
 */
@ExtendWith(VertxExtension.class)
class StickyTest {

  @Test
  void addressesStickMoveOnlyWithTheirSlotAndComeBack(Vertx vertx) throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("sticky16.groovy").toString(), "sticky",
        "--set", "cluster.jvm.standby=false", "--set", "restart.backoff.initial=3s")) {
      Map<String, String> home = mapping(vertx, cluster.port);
      System.out.println("sticky: address -> worker " + home);
      long slotsUsed = home.values().stream().map(w -> w.split("-")[0]).distinct().count();
      assertNotEquals(1L, slotsUsed, "16 addresses spread over more than one slot");

      String victim = home.get("127.0.0.1");
      long victimPid = Long.parseLong(victim.split("-")[1]);
      int victimSlot = Integer.parseInt(victim.split("-")[0]);
      ProcessHandle.of(victimPid).orElseThrow().destroyForcibly();
      cluster.await(ws -> !ws.get(victimSlot).getString("state").equals("LISTENING"), 10_000);

      Map<String, String> during = mapping(vertx, cluster.port);
      home.forEach((address, worker) -> {
        if (worker.equals(victim)) {
          assertNotEquals(victim, during.get(address), address + " left the dead worker");
        } else {
          assertEquals(worker, during.get(address), address + " did not move: its slot is up");
        }
      });

      JsonObject back = cluster.await(ws -> ws.get(victimSlot).getString("state").equals("LISTENING"), 30_000);
      String replacement = victimSlot + "-" + back.getJsonArray("workers").getJsonObject(victimSlot).getLong("pid");
      Map<String, String> after = mapping(vertx, cluster.port);
      home.forEach((address, worker) -> assertEquals(worker.equals(victim) ? replacement : worker, after.get(address),
          address + " is back with its slot"));
    }
  }

  /** For each of 127.0.0.1..16: 20 connections; fails unless all reached one worker. */
  private static Map<String, String> mapping(Vertx vertx, int port) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 1; i <= 16; i++) {
      String address = "127.0.0." + i;
      Map<String, Integer> reached = HandoffTest.requests(vertx, port, 20, address);
      assertEquals(1, reached.size(), address + " reached " + reached);
      assertEquals(20, reached.values().iterator().next(), address + ": every request answered");
      m.put(address, reached.keySet().iterator().next());
    }
    return m;
  }
}
