package io.jcl.view;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the dashboard shows as it happens, as server-sent events: the status every {@link #SAMPLE_MS}
 * ({@code event: status}), each cluster event when it is emitted ({@code event: cluster}), and on
 * connecting the last {@link #HISTORY_POINTS} samples and {@link #RECENT_EVENTS} events
 * ({@code event: hello}), so a page opened during a roll plots the minutes before it. Samples are kept
 * whether or not a page is open. Owned by the primary's context, like the status it reads.
 */
public final class LiveFeed {

  public static final long SAMPLE_MS = 1_000;
  /** Ten minutes of one-second samples: a few hundred KB for a handful of workers. */
  public static final int HISTORY_POINTS = 600;
  public static final int RECENT_EVENTS = 200;

  private final Vertx vertx;
  private final Supplier<JsonObject> status;
  private final Deque<JsonObject> history = new ArrayDeque<>();
  private final Deque<JsonObject> recent = new ArrayDeque<>();
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
  private long timer = -1;

  public LiveFeed(Vertx vertx, Supplier<JsonObject> status) {
    this.vertx = vertx;
    this.status = status;
  }

  /** Call on the primary's context. */
  public void start() {
    timer = vertx.setPeriodic(SAMPLE_MS, SAMPLE_MS, id -> sample());
  }

  /** Ends every open stream (the pages say the cluster is gone). */
  public void stop() {
    vertx.cancelTimer(timer);
    List.copyOf(clients).forEach(r -> {
      if (!r.closed()) {
        r.end();
      }
    });
    clients.clear();
  }

  /** A cluster event, as {@link io.jcl.view.EventLine} shapes it: kept and sent to every open page. */
  public void event(JsonObject event) {
    JsonObject line = EventLine.of(event);
    bounded(recent, line, RECENT_EVENTS);
    List.copyOf(clients).forEach(r -> send(r, "cluster", line, true));
  }

  /** Streams to {@code response} from now on, starting with the history. */
  public void attach(HttpServerResponse response) {
    response.setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-store");
    response.write("retry: 2000\n\n"); // EventSource reconnects this soon after a broken stream
    JsonObject now = status.get();
    send(response, "hello", new JsonObject()
        .put("sampleMs", SAMPLE_MS)
        .put("history", new JsonArray(new ArrayList<>(history)))
        .put("events", new JsonArray(new ArrayList<>(recent)))
        .put("status", now), true);
    clients.add(response);
    response.closeHandler(v -> clients.remove(response));
    response.exceptionHandler(e -> clients.remove(response));
  }

  private void sample() {
    JsonObject now = status.get();
    JsonObject point = point(now, System.currentTimeMillis());
    bounded(history, point, HISTORY_POINTS);
    List.copyOf(clients).forEach(r -> send(r, "status", new JsonObject().put("status", now).put("point", point), false));
  }

  /** One sample for the plots: per slot, its current worker's figures (null where a heartbeat lacks one). */
  static JsonObject point(JsonObject status, long nowMs) {
    JsonArray workers = new JsonArray();
    JsonArray slots = status.getJsonArray("workers", new JsonArray());
    for (int i = 0; i < slots.size(); i++) {
      JsonObject w = slots.getJsonObject(i);
      JsonObject health = w.getJsonObject("health");
      Long used = HealthFigures.number(health, "heapUsed");
      Long max = HealthFigures.number(health, "heapMax");
      workers.add(new JsonObject()
          .put("slot", w.getInteger("slot"))
          .put("pid", w.getValue("pid"))
          .put("generation", w.getValue("generation"))
          .put("state", w.getString("state"))
          .put("reqPerSec", w.getValue("reqPerSec"))
          .put("inFlight", HealthFigures.number(health, "inFlight"))
          .put("heapPct", used != null && max != null && max > 0 ? Math.round(used * 1000.0 / max) / 10.0 : null)
          .put("lagMs", HealthFigures.lagMs(health))
          .put("latencyMs", HealthFigures.latencyMs(health)));
    }
    return new JsonObject().put("t", nowMs).put("workers", workers);
  }

  /**
   * One server-sent event. A page that does not read (a stopped tab) misses samples rather than
   * growing the primary's memory; cluster events are few and always queued.
   */
  private void send(HttpServerResponse r, String event, JsonObject data, boolean always) {
    if (r.closed()) {
      clients.remove(r);
      return;
    }
    if (!always && r.writeQueueFull()) {
      return;
    }
    r.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
  }

  private static void bounded(Deque<JsonObject> deque, JsonObject item, int max) {
    deque.addLast(item);
    while (deque.size() > max) {
      deque.removeFirst();
    }
  }
}
