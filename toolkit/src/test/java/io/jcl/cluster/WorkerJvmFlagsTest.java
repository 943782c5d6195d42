package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A script's own {@code jvm { heap }} and collector reach the worker JVM exactly: jcl's sizing adds no
 * other heap flag and no collector of its own (read from the running worker's /proc/PID/cmdline). The
 * same cluster's {@code jcl status --json} carries RSS and PSS per process and the cluster's total.
 */
class WorkerJvmFlagsTest {

  @Test
  void scriptHeapAndCollectorWin() throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("own-jvm.groovy").toString(), "own-jvm")) {
      JsonObject status = cluster.status();
      long pid = status.getJsonArray("workers").getJsonObject(0).getLong("pid");
      List<String> flags = cmdline(pid);
      List<String> heap = flags.stream().filter(f -> f.startsWith("-Xm") || f.startsWith("-XX:InitialHeapSize")
          || f.startsWith("-XX:MaxHeapSize") || f.startsWith("-XX:NewSize")).toList();
      assertEquals(List.of("-Xmx1g"), heap, () -> "heap flags of " + flags);
      List<String> collectors = flags.stream().filter(f -> f.matches("-XX:[+-]Use\\w*GC")).toList();
      assertEquals(List.of("-XX:+UseParallelGC"), collectors, () -> "collector flags of " + flags);

      // Workers sized by jcl otherwise: one event loop for one server instance.
      String env = Files.readString(Path.of("/proc", Long.toString(pid), "environ")).replace('\0', '\n');
      assertTrue(env.contains("\nJCL_EVENT_LOOPS=1\n") || env.startsWith("JCL_EVENT_LOOPS=1\n"), env);

      JsonObject withMemory = new JsonObject(io.jcl.cli.JclForTests.run("status", cluster.name, "--json").out().trim());
      JsonObject total = withMemory.getJsonObject("memory");
      assertNotNull(total, "status --json has the cluster's memory");
      assertTrue(total.getLong("rss") > 0 && total.getLong("pss") > 0, total::encode);
      assertEquals(2, total.getInteger("processes"), "the primary and one worker (no standby)");
      JsonObject worker = withMemory.getJsonArray("workers").getJsonObject(0).getJsonObject("memory");
      JsonObject primary = withMemory.getJsonObject("primary").getJsonObject("memory");
      assertTrue(worker.getLong("pss") > 0 && worker.getLong("rss") >= worker.getLong("pss"), worker::encode);
      assertEquals(total.getLong("pss"), worker.getLong("pss") + primary.getLong("pss"));
    }
  }

  private static List<String> cmdline(long pid) throws Exception {
    return Arrays.asList(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
  }
}
