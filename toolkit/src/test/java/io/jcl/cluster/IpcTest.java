package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jcl.cli.JclForTests;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster bus between real worker JVMs, relayed by the primary (clusters/ipc-bus.groovy: 4 workers, a
 * primary that tallies what they saw). The shell commands drive it, as a user would. The killed worker
 * goes last: its slot is respawned, which the other tests need not wait for. Nothing asserts a timing: a
 * failure is told apart by its type (NO_HANDLERS, TIMEOUT, RECIPIENT_FAILURE), not by how long it took.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IpcTest {

  private static final String NAME = "ipc";
  private static TestCluster cluster;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(TestCluster.script("ipc-bus.groovy").toString(), NAME);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  @Order(1)
  void publishReachesEachOfFourWorkersExactlyOnce() throws Exception {
    reset();
    ok("publish", NAME, "bcast", "{\"n\":1}");
    JsonObject t = tallyUntil(j -> count(j, "bcast/") == 4);
    Thread.sleep(300); // a duplicate would be on its way by now
    t = tally();
    for (int slot = 0; slot < 4; slot++) {
      assertEquals(1, t.getInteger("bcast/" + slot, 0), t::encode);
    }
  }

  @Test
  @Order(2)
  void sendSpreadsEvenlyOverTheConsumers() throws Exception {
    reset();
    for (int i = 0; i < 40; i++) {
      ok("send", NAME, "work", Integer.toString(i));
    }
    JsonObject t = tallyUntil(j -> count(j, "work/") == 40);
    for (int slot = 0; slot < 4; slot++) {
      assertEquals(10, t.getInteger("work/" + slot, 0), t::encode);
    }
  }

  @Test
  @Order(3)
  void requestReplyBetweenTwoWorkers() throws Exception {
    boolean another = false;
    for (int i = 0; i < 8; i++) {
      String[] asked = get("/ask").split(" "); // "<asking slot> <answering slot>"
      assertEquals(2, asked.length, () -> String.join(" ", asked));
      another |= !asked[0].equals(asked[1]);
    }
    assertTrue(another, "some reply came from another worker than the one asking");
  }

  @Test
  @Order(4)
  void requestReplyBetweenAWorkerAndThePrimary() throws Exception {
    int first = Integer.parseInt(get("/count")); // worker -> primary
    assertEquals(first + 1, Integer.parseInt(get("/count")));
    int slot = Integer.parseInt(ok("request", NAME, "whoami", "{}").trim()); // primary -> worker
    assertTrue(slot >= 0 && slot < 4, "slot " + slot);
  }

  @Test
  @Order(5)
  void aRequestWithNoConsumerFailsAtOnce() throws Exception {
    JclForTests.Result r = JclForTests.run("request", "--timeout", "60s", NAME, "nobody.home", "{}");
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("NO_HANDLERS"), r.err());
    assertTrue(get("/nobody").startsWith("failed No handlers for address nobody.home"));
  }

  @Test
  @Order(6)
  void aRequestNobodyAnswersFailsAtItsTimeout() {
    JclForTests.Result r = JclForTests.run("request", "--timeout", "300ms", NAME, "never", "{}");
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("TIMEOUT"), r.err());
  }

  /**
   * Raw clients on the control socket: each gets an err frame and a closed connection (none of them
   * said hello), and a flooder that never reads only stalls itself; the workers' traffic goes on.
   */
  @Test
  @Order(7)
  void hostileClientsHarmOnlyThemselves() throws Exception {
    java.nio.file.Path socket = cluster.runtimeDir().controlSocket();
    try (RawControlClient flooder = new RawControlClient(socket)) {
      long flooded = flooder.floodWithoutReading(3_000);
      System.out.println("flooder wrote " + flooded + " bytes before the hub stopped reading it");
      hostile(socket, c -> c.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes()), "over the limit");
      hostile(socket, c -> c.write(new byte[] {(byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3}), "over the limit");
      hostile(socket, c -> c.frame("{\"type\":\"subscribe\",\"address\":\"work\"}"), "unsupported frame type");
      hostile(socket, c -> c.frame("{\"address\":\"work\",\"body\":{}}"), "frame without a type");
      hostile(socket, c -> c.frame("{\"type\":\"send\",\"address\":\"work\",\"headers\":{\"h\":[1]},\"body\":{}}"),
          "must be a string");
      hostile(socket, c -> c.frame("{\"type\":\"send\",\"address\":\"work\",\"body\":{}}"), "say hello first");
      hostile(socket, c -> c.frame("{\"type\":\"send\",\"address\":\"jcl.hello\",\"body\":{\"token\":\"0000\",\"slot\":0}}"),
          "hello refused");
      hostile(socket, c -> c.frame("{\"type\":\"send\",\"address\":\"jcl.hello\",\"body\":{\"token\":7,\"slot\":\"x\"}}"),
          "hello refused");
      // With the flooder still connected: every worker still answers, worker to worker too.
      for (int i = 0; i < 4; i++) {
        int slot = Integer.parseInt(ok("request", NAME, "whoami", "{}").trim());
        assertTrue(slot >= 0 && slot < 4);
        assertTrue(get("/ask").matches("\\d \\d"));
      }
      reset();
      ok("publish", NAME, "bcast", "{}");
      tallyUntil(j -> count(j, "bcast/") == 4);
    }
    cluster.workers().forEach(w -> assertEquals("LISTENING", w.getString("state"), w::encode));
    assertEquals(0, cluster.workers().stream().mapToInt(w -> w.getInteger("restarts")).sum());
  }

  private interface Send {
    void to(RawControlClient c) throws Exception;
  }

  private static void hostile(java.nio.file.Path socket, Send send, String expected) throws Exception {
    try (RawControlClient c = new RawControlClient(socket)) {
      send.to(c);
      JsonObject err = c.read();
      assertTrue(err != null && "err".equals(err.getString("type")) && err.getString("message").contains(expected),
          () -> "expected an err frame with '" + expected + "', got " + err);
      assertTrue(c.closedByHub());
    }
  }

  @Test
  @Order(8)
  void aRequestToAWorkerThatIsKilledFailsWithoutWaitingForItsTimeout() throws Exception {
    reset();
    long start = System.nanoTime();
    CompletableFuture<JclForTests.Result> asked = CompletableFuture.supplyAsync(
        () -> JclForTests.run("request", "--timeout", "60s", NAME, "hang", "{}"));
    JsonObject t = tallyUntil(j -> count(j, "hang/") == 1);
    int slot = t.fieldNames().stream().filter(k -> k.startsWith("hang/")).map(k -> Integer.parseInt(k.substring(5)))
        .findFirst().orElseThrow();
    long pid = cluster.workers().get(slot).getLong("pid");
    long killedAt = System.nanoTime();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    JclForTests.Result r = asked.get();
    System.out.printf("request to killed worker failed %d ms after the kill (%d ms after it was sent)%n",
        (System.nanoTime() - killedAt) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("RECIPIENT_FAILURE") && r.err().contains("exited before it replied"), r.err());
  }

  private static String ok(String... args) {
    JclForTests.Result r = JclForTests.run(args);
    assertEquals(0, r.code(), () -> String.join(" ", args) + ": " + r);
    return r.out();
  }

  private static void reset() {
    ok("request", NAME, "reset", "{}");
  }

  private static JsonObject tally() {
    return new JsonObject(ok("request", NAME, "tally", "{}").trim());
  }

  private static JsonObject tallyUntil(Predicate<JsonObject> condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonObject t = tally();
    while (!condition.test(t)) {
      if (System.currentTimeMillis() > deadline) {
        fail("tally never got there: " + t.encode());
      }
      Thread.sleep(50);
      t = tally();
    }
    return t;
  }

  private static int count(JsonObject tally, String prefix) {
    List<Integer> n = new ArrayList<>();
    tally.forEach(e -> {
      if (e.getKey().startsWith(prefix)) {
        n.add(((Number) e.getValue()).intValue());
      }
    });
    return n.stream().mapToInt(Integer::intValue).sum();
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r::body);
    return r.body();
  }
}
