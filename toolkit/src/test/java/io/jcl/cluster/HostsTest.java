package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcl.cli.JclForTests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three hosts on one machine (clusters/hosts-bus.groovy): three primaries, each bound to its own
 * loopback address (127.0.0.2, .3, .4, local on Linux without configuration) with two workers, joined
 * over Hazelcast. Only host c's workers consume {@code onlyC} and {@code holdC}. HAProxy, where installed,
 * stands in front of them with the docs' config. The killed host goes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostsTest {

  private static final String[] ROLES = {"a", "b", "c"};
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<TestCluster> hosts = new ArrayList<>();
  private static int readyPort;

  @BeforeAll
  static void start() throws Exception {
    String joinPort = Integer.toString(TestCluster.freePort());
    readyPort = TestCluster.freePort(); // each host's /ready, on its own address
    int port = TestCluster.freePort(); // one port on every host, as behind a balancer
    String group = "hosts-test-" + ProcessHandle.current().pid(); // never joins another run's hosts
    for (int i = 0; i < 3; i++) {
      String address = address(i);
      hosts.add(TestCluster.start(TestCluster.script("hosts-bus.groovy").toString(), "hosts-" + ROLES[i], port,
          "--set", "cluster.host=" + address, "--set", "cluster.join.address=" + address,
          "--set", "cluster.join.port=" + joinPort, "--set", "cluster.join.group=" + group,
          "--set", "cluster.env=HOST_ROLE=" + ROLES[i], "--set", "cluster.readyPort=" + readyPort,
          "--set", "cluster.readyGrace=2s"));
    }
  }

  @AfterAll
  static void stop() {
    hosts.forEach(TestCluster::close);
  }

  @Test
  @Order(1)
  void aPublishFromAWorkerOnOneHostReachesEveryWorkerOnAllThreeExactlyOnce() throws Exception {
    assertEquals("ok", get(0, "/pub"));
    for (int i = 0; i < 3; i++) {
      int host = i;
      tallyUntil(host, t -> t.getInteger("bcast/0", 0) + t.getInteger("bcast/1", 0) >= 2);
    }
    Thread.sleep(300); // a duplicate would be on its way by now
    for (int i = 0; i < 3; i++) {
      JsonObject t = tally(i);
      assertEquals(1, t.getInteger("bcast/0", 0), t::encode);
      assertEquals(1, t.getInteger("bcast/1", 0), t::encode);
    }
  }

  @Test
  @Order(2)
  void aRequestFromHostAIsAnsweredByTheConsumerThatOnlyHostCHas() throws Exception {
    for (int i = 0; i < 4; i++) {
      String answer = get(0, "/ask");
      assertTrue(answer.matches("c/[01]"), answer);
    }
  }

  @Test
  @Order(3)
  void statusAndEventsCoverEveryHost() {
    JsonArray seen = hosts.get(0).status().getJsonArray("hosts");
    assertEquals(3, seen.size(), seen::encode);
    for (int i = 0; i < 3; i++) {
      JsonObject h = seen.getJsonObject(i);
      assertEquals(2, h.getJsonObject("status").getJsonArray("workers").size(), h::encode);
    }
    // Host a started first: it saw b and c join, and their workers become LISTENING.
    JsonObject t = tally(0);
    assertEquals(List.of(address(1), address(2)), t.getJsonArray("joined").getList(), t::encode);
    for (int i = 0; i < 3; i++) {
      assertEquals(2, t.getInteger("listening@" + address(i), 0), t::encode);
    }
  }

  @Test
  @Order(4)
  void behindHaproxyARollOfEveryHostLosesNoRequest() throws Exception {
    Optional<Path> binary = Haproxy.binary();
    assumeTrue(binary.isPresent(), "haproxy is not installed here (.ci/run installs Debian's package)");
    try (Haproxy lb = Haproxy.start(binary.get(), hosts.get(0).port, readyPort)) {
      URI who = URI.create("http://127.0.0.1:" + lb.port + "/who");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      // HAProxy takes a moment to listen and check the hosts: load starts once all three have answered.
      Set<String> seen = new HashSet<>();
      long deadline = System.currentTimeMillis() + 20_000;
      while (seen.size() < 3) {
        if (System.currentTimeMillis() > deadline || !lb.alive()) {
          fail("HAProxy did not reach all three hosts: saw " + seen + "; its log: " + lb.log());
        }
        try {
          seen.add(client.send(HttpRequest.newBuilder(who).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
          Thread.sleep(100); // not listening yet
        }
      }
      Map<String, AtomicLong> served = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      AtomicBoolean rolling = new AtomicBoolean(true);
      List<CompletableFuture<Void>> load = new ArrayList<>();
      ExecutorService clients = Executors.newFixedThreadPool(4); // not the common pool: one thread on 2 cores
      for (int t = 0; t < 4; t++) { // four clients, keep-alive, one request after another until the roll is over
        load.add(CompletableFuture.runAsync(() -> {
          while (rolling.get()) {
            try {
              HttpResponse<String> r = client.send(HttpRequest.newBuilder(who).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                served.computeIfAbsent(r.body(), k -> new AtomicLong()).incrementAndGet();
              } else {
                failures.add(r.statusCode() + " " + r.body());
              }
            } catch (Exception e) {
              failures.add(String.valueOf(e));
            }
          }
        }, clients));
      }
      JclForTests.Result reload;
      try {
        reload = JclForTests.run("reload", hosts.get(0).name, "--parallel", "2"); // both slots of a host at once: shorter
      } finally {
        rolling.set(false);
        CompletableFuture.allOf(load.toArray(CompletableFuture[]::new)).join();
        clients.shutdown();
      }
      assertEquals(0, reload.code(), reload::toString);
      assertTrue(reload.out().contains("each of the 3 hosts rolled"), reload::toString);
      assertTrue(lb.alive(), lb::log);
      assertEquals(List.of(), List.copyOf(failures), () -> "served " + served + "; haproxy: " + lb.log());
      assertEquals(3, served.size(), "every host served through HAProxy: " + served);
    }
  }

  @Test
  @Order(5)
  void aKilledHostLeavesTheClusterAndItsConsumersWithIt() throws Exception {
    // A request from host a to host c's consumer that never replies, pending when c dies.
    CompletableFuture<HttpResponse<String>> held = HTTP.sendAsync(HttpRequest.newBuilder(
            URI.create("http://" + address(0) + ":" + hosts.get(0).port + "/hold")).timeout(Duration.ofSeconds(90)).build(),
        HttpResponse.BodyHandlers.ofString());
    tallyUntil(2, t -> t.containsKey("held/0") || t.containsKey("held/1"));
    TestCluster c = hosts.get(2);
    JsonObject status = c.status();
    List<Long> pids = new ArrayList<>(List.of(status.getJsonObject("primary").getLong("pid")));
    status.getJsonArray("workers").forEach(w -> pids.add(((JsonObject) w).getLong("pid")));
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)); // kill -9
    // It fails because host c left, not at its 60 s timeout ("Timed out after waiting ...").
    String failure = held.get().body();
    assertEquals("failed host " + address(2) + " left the cluster before its consumer of 'holdC' replied", failure);
    long deadline = System.currentTimeMillis() + 30_000;
    while (hosts.get(0).status().getJsonArray("hosts").size() != 2) {
      if (System.currentTimeMillis() > deadline) {
        fail("host c still listed: " + hosts.get(0).status().getJsonArray("hosts").encode());
      }
      Thread.sleep(100);
    }
    String answer = get(0, "/ask");
    assertTrue(answer.startsWith("failed No handlers for address onlyC"), answer);
    assertTrue(tally(0).containsKey("bcast/0"), "host a goes on serving");
  }

  private static String address(int host) {
    return "127.0.0." + (host + 2);
  }

  private static JsonObject tally(int host) {
    JclForTests.Result r = JclForTests.run("request", hosts.get(host).name, "jcl.primary.tally", "{}");
    assertEquals(0, r.code(), r::toString);
    return new JsonObject(r.out().trim());
  }

  private static void tallyUntil(int host, Predicate<JsonObject> condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonObject t = tally(host);
    while (!condition.test(t)) {
      if (System.currentTimeMillis() > deadline) {
        fail("host " + ROLES[host] + "'s tally never got there: " + t.encode());
      }
      Thread.sleep(50);
      t = tally(host);
    }
  }

  private static String get(int host, String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://" + address(host) + ":" + hosts.get(host).port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r::body);
    return r.body();
  }
}
