package io.jcl.worker;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.function.Consumer;

/**
 * Samples the worker every interval: heap, event-loop lag (how late this very timer fired), GC time,
 * and the traffic counters. The lag is what a blocked event loop looks like from the inside.
 */
final class Heartbeats {

  private final Vertx vertx;
  private final ServedTraffic traffic;
  private final long intervalMs;
  private long expectedAt;

  Heartbeats(Vertx vertx, ServedTraffic traffic, long intervalMs) {
    this.vertx = vertx;
    this.traffic = traffic;
    this.intervalMs = intervalMs;
  }

  void start(Consumer<JsonObject> sink) {
    expectedAt = System.nanoTime() + intervalMs * 1_000_000;
    vertx.setPeriodic(intervalMs, id -> {
      long now = System.nanoTime();
      long lagMs = Math.max(0, (now - expectedAt) / 1_000_000);
      expectedAt = now + intervalMs * 1_000_000;
      sink.accept(sample(lagMs));
    });
  }

  private JsonObject sample(long lagMs) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long gcMs = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMs += Math.max(0, gc.getCollectionTime());
    }
    return new JsonObject()
        .put("heapUsed", heap.getUsed())
        .put("heapMax", heap.getMax())
        .put("eventLoopLagMs", lagMs)
        .put("gcMs", gcMs)
        .put("connections", traffic.open.sum())
        .put("inFlight", traffic.inFlight.sum())
        .put("served", traffic.served.sum());
  }
}
