package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jcl.cli.JclForTests;
import io.jcl.dsl.PrimarySpec;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The live view on a real 2-worker cluster across a roll: the one-time dashboard link works once, the
 * page names nothing outside itself, its server-sent events deliver the roll's events as they happen,
 * the events log in the runtime dir gets them, {@code jcl events} prints them, and {@code jcl events
 * --follow} and {@code jcl status --watch} end when the cluster stops. Waits are safety nets, not timings.
 */
class LiveViewTest {

  /** Generous: a roll starts two JVMs on a busy 2-core CI machine. */
  private static final long ROLL_BOUND_MS = 120_000;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Any URL that leaves the page: an absolute or protocol-relative src/href/action, CSS url() or @import. */
  private static final Pattern EXTERNAL = Pattern.compile(
      "(?i)((src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//)|url\\(\\s*[\"']?\\s*(https?:)?//|@import");

  @Test
  void dashboardAndEventsFollowARoll() throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("hello.groovy").toString(), "liveview",
        "--workers", "2")) {
      // The one-time link: a session cookie the first time, nothing the second.
      JclForTests.Result link = JclForTests.run("dashboard", cluster.name);
      assertEquals(0, link.code(), link::err);
      String url = link.out().trim();
      assertTrue(url.startsWith("http://127.0.0.1:") && url.contains("/dashboard/open?code="), url);
      String base = url.substring(0, url.indexOf("/dashboard/"));
      HttpResponse<String> first = get(url, null);
      assertEquals(303, first.statusCode());
      assertEquals("/dashboard/", first.headers().firstValue("location").orElse(""));
      String setCookie = first.headers().firstValue("set-cookie").orElseThrow();
      assertTrue(setCookie.contains("HTTPOnly") || setCookie.contains("HttpOnly"), setCookie);
      assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
      String cookie = setCookie.substring(0, setCookie.indexOf(';'));
      assertEquals(403, get(url, null).statusCode(), "the same link a second time");

      // The page: only with the session, and it names nothing outside itself.
      assertEquals(401, get(base + "/dashboard/", null).statusCode(), "no cookie, no page");
      assertEquals(401, get(base + "/dashboard/feed", "jcl_dashboard=forged").statusCode(), "a forged session");
      HttpResponse<String> page = get(base + "/dashboard/", cookie);
      assertEquals(200, page.statusCode());
      assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
      assertTrue(page.headers().firstValue("content-security-policy").orElse("").contains("default-src 'none'"));
      String html = page.body();
      assertTrue(html.contains("new EventSource('feed')"), "the page reads its own feed");
      assertFalse(EXTERNAL.matcher(html).find(), () -> "external reference: " + EXTERNAL.matcher(html).results()
          .map(m -> m.group()).toList());
      String withoutSvgNamespace = html.replace("http://www.w3.org/2000/svg", "");
      assertFalse(withoutSvgNamespace.contains("http://") || withoutSvgNamespace.contains("https://"),
          "no absolute URL but the SVG namespace name");

      // The feed during a roll.
      List<JsonObject> oldWorkers = cluster.workers();
      Set<Long> oldPids = oldWorkers.stream().map(w -> w.getLong("pid")).collect(Collectors.toSet());
      List<JsonObject> streamed = new CopyOnWriteArrayList<>();
      List<String> kinds = new CopyOnWriteArrayList<>();
      List<JsonObject> points = new CopyOnWriteArrayList<>();
      HttpResponse<Stream<String>> feed = HTTP.send(request(base + "/dashboard/feed", cookie),
          HttpResponse.BodyHandlers.ofLines());
      assertEquals(200, feed.statusCode());
      assertTrue(feed.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
      CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
        String[] event = {null};
        feed.body().forEach(line -> {
          if (line.startsWith("event: ")) {
            event[0] = line.substring(7);
            kinds.add(event[0]);
          } else if (line.startsWith("data: ") && "cluster".equals(event[0])) {
            streamed.add(new JsonObject(line.substring(6)));
          } else if (line.startsWith("data: ") && "status".equals(event[0])) {
            points.add(new JsonObject(line.substring(6)).getJsonObject("point"));
          }
        });
      });
      // Served requests' latency: in the heartbeats, so in the status, its table, and the feed's plot points.
      HttpRequest hello = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.port + "/")).build();
      JsonObject[] timed = {null};
      await(() -> {
        for (int i = 0; i < 20; i++) {
          assertEquals(200, HTTP.send(hello, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        timed[0] = cluster.workers().stream().map(w -> w.getJsonObject("health"))
            .filter(h -> h != null && h.getLong("latencyCount", 0L) > 0).findFirst().orElse(timed[0]);
        return timed[0] != null && points.stream().anyMatch(p -> p.getJsonArray("workers").stream()
            .anyMatch(w -> ((JsonObject) w).getValue("latencyMs") instanceof Number));
      }, "a heartbeat and a plot point with a latency", points);
      JsonObject health = timed[0];
      assertTrue(health.getDouble("latencyP50Ms") > 0, health::encode);
      assertTrue(health.getDouble("latencyP99Ms") >= health.getDouble("latencyP50Ms"), health::encode);
      assertTrue(health.getDouble("latencyMaxMs") >= health.getDouble("latencyP99Ms"), health::encode);
      String table = JclForTests.run("status", cluster.name).out();
      assertTrue(table.lines().anyMatch(l -> l.contains("LAG MS  P99 MS")), table);

      JclForTests.Result reload = JclForTests.run("reload", cluster.name);
      assertEquals(0, reload.code(), () -> reload.out() + reload.err());
      await(() -> streamed.stream().anyMatch(e -> e.getString("event").equals("reload.done")), "reload.done on the feed", streamed);
      assertTrue(kinds.contains("hello") && kinds.contains("status"), () -> "feed kinds " + kinds);
      assertTrue(has(streamed, e -> e.getString("event").equals("reload.start")), streamed::toString);
      assertTrue(has(streamed, e -> e.getString("event").equals("reload.step") && "draining".equals(e.getString("step"))),
          streamed::toString);
      for (int slot = 0; slot < 2; slot++) {
        int s = slot;
        assertTrue(has(streamed, e -> e.getString("event").equals("worker.listening") && e.getInteger("slot") == s
            && e.getInteger("generation") == 2), () -> "slot " + s + " generation 2 LISTENING: " + streamed);
      }
      for (long pid : oldPids) {
        await(() -> has(streamed, e -> e.getString("event").equals("worker.exit") && e.getLong("pid") == pid),
            "old worker " + pid + " exit on the feed", streamed);
      }
      assertFalse(has(streamed, e -> e.containsKey("health")), "events carry no health sample");

      // The events log in the runtime dir, and jcl events.
      List<JsonObject> logged = new ArrayList<>();
      await(() -> {
        logged.clear();
        Files.readAllLines(cluster.runtimeDir().eventsFile()).forEach(l -> logged.add(new JsonObject(l)));
        return has(logged, e -> e.getString("event").equals("reload.done"));
      }, "reload.done in events.jsonl", logged);
      for (JsonObject e : logged) {
        assertNotNull(e.getString("time"), e::encode);
        assertNotNull(e.getString("event"), e::encode);
        assertTrue(PrimarySpec.EVENTS.contains(e.getString("event")), () -> "a primary block can observe " + e.encode());
      }
      assertEquals("time", logged.get(0).fieldNames().iterator().next(), "time leads each line");
      assertTrue(has(logged, e -> e.getString("event").equals("worker.spawned") && e.getInteger("generation") == 1));
      assertTrue(has(logged, e -> e.getString("event").equals("worker.spawned") && e.getInteger("generation") == 2));
      for (long pid : oldPids) {
        assertTrue(has(logged, e -> e.getString("event").equals("worker.exit") && e.getLong("pid") == pid), logged::toString);
      }
      JclForTests.Result events = JclForTests.run("events", cluster.name);
      assertEquals(0, events.code(), events::err);
      assertTrue(events.out().lines().anyMatch(l -> l.contains("reload.done")), events.out());
      assertTrue(events.out().lines().anyMatch(l -> l.contains("worker.listening") && l.contains("gen 2")), events.out());
      JclForTests.Result json = JclForTests.run("events", cluster.name, "--json");
      assertEquals(logged.size(), json.out().lines().map(JsonObject::new).count(), "--json prints the log's lines");

      // --follow and --watch run until the cluster stops, then end by themselves.
      CompletableFuture<JclForTests.Result> follow = CompletableFuture.supplyAsync(
          () -> JclForTests.run("events", cluster.name, "--follow"));
      CompletableFuture<JclForTests.Result> watch = CompletableFuture.supplyAsync(
          () -> JclForTests.run("status", cluster.name, "--watch", "--interval", "0.3"));
      Thread.sleep(1_500);
      assertFalse(follow.isDone() || watch.isDone(), "following while the cluster runs");
      JclForTests.Result stop = JclForTests.run("stop", cluster.name);
      assertEquals(0, stop.code());
      assertFalse(stop.err().contains("did not stop in time"), "a graceful stop with a feed open: " + stop.err());
      JclForTests.Result followed = follow.get(30, TimeUnit.SECONDS);
      JclForTests.Result watched = watch.get(30, TimeUnit.SECONDS);
      assertEquals(0, followed.code(), followed::err);
      assertTrue(followed.out().contains("cluster.stopping"), followed.out());
      assertEquals(0, watched.code(), watched::err);
      assertTrue(watched.out().lines().filter(l -> l.startsWith("--- ")).count() >= 2, watched.out());
      assertTrue(watched.out().contains("cluster liveview stopped"), watched.out());
      assertFalse(watched.out().contains("\033["), "no terminal escapes into a pipe");
      reader.get(30, TimeUnit.SECONDS); // the stream ended with the primary
      // A stopped cluster's events are kept, and still printed.
      JclForTests.Result kept = JclForTests.run("events", cluster.name);
      assertEquals(0, kept.code(), kept::err);
      assertTrue(kept.out().contains("cluster.stopping"), kept.out());
    }
  }

  private static boolean has(List<JsonObject> events, Predicate<JsonObject> p) {
    return events.stream().anyMatch(p);
  }

  interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check check, String what, Object context) throws Exception {
    long deadline = System.currentTimeMillis() + ROLL_BOUND_MS;
    while (System.currentTimeMillis() < deadline) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(100);
    }
    fail(what + " not seen within " + ROLL_BOUND_MS + " ms: " + context);
  }

  private static HttpRequest request(String url, String cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(ROLL_BOUND_MS / 1000));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return b.GET().build();
  }

  private static HttpResponse<String> get(String url, String cookie) throws Exception {
    return HTTP.send(request(url, cookie), HttpResponse.BodyHandlers.ofString());
  }
}
