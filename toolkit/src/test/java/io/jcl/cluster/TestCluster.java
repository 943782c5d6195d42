package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.jcl.cli.JclForTests;
import io.jcl.primary.RuntimeDir;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real cluster for a test: {@code jcl run --detach} starts a primary JVM that forks real worker JVMs
 * on a free loopback port; {@link #close} stops it. JCL_HOME points into target/ (see the POM).
 */
final class TestCluster implements AutoCloseable {

  final String name;
  final int port;

  private TestCluster(String name, int port) {
    this.name = name;
    this.port = port;
  }

  static TestCluster start(String script, String name, String... extra) throws IOException {
    return start(script, name, freePort(), extra);
  }

  /** On a given port: hosts behind one balancer serve the same one, each on its own address. */
  static TestCluster start(String script, String name, int port, String... extra) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("run", script, "--detach", "--name", name,
        "--port", Integer.toString(port), "--set", "cluster.host=127.0.0.1"));
    args.addAll(List.of(extra));
    JclForTests.Result r = JclForTests.run(args.toArray(String[]::new));
    assertEquals(0, r.code(), () -> "jcl run failed:\n" + r.out() + r.err());
    return new TestCluster(name, port);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  JsonObject status() {
    JclForTests.Result r = JclForTests.run("status", name, "--json");
    assertEquals(0, r.code(), () -> "jcl status failed: " + r.err());
    return new JsonObject(r.out().trim());
  }

  List<JsonObject> workers() {
    return status().getJsonArray("workers").stream().map(o -> (JsonObject) o).toList();
  }

  long primaryPid() {
    return status().getJsonObject("primary").getLong("pid");
  }

  /** Polls the status until {@code condition} holds; fails with the last status after {@code timeoutMs}. */
  JsonObject await(Predicate<List<JsonObject>> condition, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    List<JsonObject> last = List.of();
    while (System.currentTimeMillis() < deadline) {
      last = workers();
      if (condition.test(last)) {
        return status();
      }
      Thread.sleep(50);
    }
    fail("condition not reached within " + timeoutMs + "ms; workers: " + last);
    return null;
  }

  RuntimeDir runtimeDir() {
    return RuntimeDir.of(name);
  }

  /** The primary's log so far, its last 60 lines: for a failure's message. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(runtimeDir().log());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (runtimeDir().livePrimary().isPresent()) {
      JclForTests.run("stop", name);
    }
    runtimeDir().delete();
  }

  static Path script(String name) {
    Path templates = Path.of("..", "scripts", name);
    return templates.toFile().exists() ? templates : Path.of("src", "test", "resources", "clusters", name);
  }
}
