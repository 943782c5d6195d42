package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C on a foreground {@code jcl run}, as a terminal sends it: SIGINT to the whole foreground process
 * group, the workers included. The primary stops the cluster and the workers drain: a request in flight
 * (rolling.groovy's /slow, 12 s) is answered, and no process of the cluster is left.
 */
class CtrlCTest {

  @Test
  void ctrlCInATerminalDrainsTheWorkers() throws Exception {
    int port = TestCluster.freePort();
    // setsid: a process group of its own, led by this JVM's child, as a shell gives a foreground job.
    // env --default-signal: a suite started in the background ignores SIGINT, and its children inherit that.
    List<String> cmd = List.of("setsid", "env", "--default-signal=INT",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        "io.jcl.cli.Jcl", "run", TestCluster.script("rolling.groovy").toString(), "--name", "ctrlc",
        "--port", Integer.toString(port), "--set", "cluster.host=127.0.0.1");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> serving = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          seen.add(line);
          if (line.contains("serving")) {
            serving.complete(null);
          }
        }
      } catch (Exception e) {
        // the process is gone
      }
    }, "jcl-run-output");
    reader.setDaemon(true);
    reader.start();
    Vertx vertx = Vertx.vertx();
    try {
      serving.get(90, TimeUnit.SECONDS);
      // The workers and the standby (an AppCDS training, in a session of its own, finishes by itself).
      List<Long> workers = p.descendants()
          .filter(h -> commandLine(h.pid()).contains("io.jcl.worker.WorkerMain"))
          .map(ProcessHandle::pid).toList();
      assertFalse(workers.isEmpty(), () -> "workers among " + p.descendants().map(h -> h.pid() + " " + commandLine(h.pid())).toList());
      HttpClient client = vertx.createHttpClient();
      var slow = client.request(HttpMethod.GET, port, "127.0.0.1", "/slow")
          .compose(req -> req.send().compose(r -> r.body().map(b -> r.statusCode() + " " + b)));
      Thread.sleep(1_000); // in flight on a worker
      new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).inheritIO().start().waitFor();

      assertEquals("200 slow from generation 1", slow.await(), () -> String.join("\n", seen));
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), () -> "jcl run exits: " + String.join("\n", seen));
      assertEquals(0, p.exitValue(), () -> String.join("\n", seen));
      workers.forEach(pid -> assertFalse(ClusterLifecycleTest.running(pid), "worker " + pid + " left"));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      vertx.close().await();
    }
  }

  /** What /proc says the process runs (ProcessHandle.Info leaves out a long command line). */
  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
