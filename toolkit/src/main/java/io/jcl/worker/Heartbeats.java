package io.jcl.worker;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.Consumer;

/**
 * Samples the worker every interval for the primary's verdicts and for {@code jcl status}: heap (and heap
 * after the last GC, the figure a full heap is judged by: used heap alone is high before every
 * collection), event-loop lag on every loop ({@link EventLoopLag}), GC time and count, the traffic
 * counters, request latency over the interval ({@link RequestLatency}) and uptime. Field names are a contract: {@code jcl status --json} shows them under "health".
 */
final class Heartbeats {

  private final Vertx vertx;
  private final ServedTraffic traffic;
  private final long intervalMs;
  private final EventLoopLag lag;
  private final Integer fdLinkLoop;
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();

  /** {@code fdLinkLoop}: the loop the fd link reads and acknowledges passed sockets on, or null without one. */
  Heartbeats(Vertx vertx, ServedTraffic traffic, long intervalMs, EventExecutor fdLinkLoop) {
    this.vertx = vertx;
    this.traffic = traffic;
    this.intervalMs = intervalMs;
    this.lag = new EventLoopLag(((VertxInternal) vertx).nettyEventLoopGroup());
    this.fdLinkLoop = fdLinkLoop == null ? null : lag.indexOf(fdLinkLoop);
  }

  /**
   * Samples on {@code context}, the control link's: the timer, the sample and the write share one event
   * loop, so the other loops' lag is reported, and this one's shows as a late heartbeat.
   */
  void start(Context context, Consumer<JsonObject> sink) {
    context.runOnContext(v -> {
      lag.sample(); // the first probes
      vertx.setPeriodic(intervalMs, id -> sink.accept(sample()));
    });
  }

  private JsonObject sample() {
    long[] loops = lag.sample();
    long maxLag = 0;
    JsonArray perLoop = new JsonArray();
    for (long l : loops) {
      maxLag = Math.max(maxLag, l);
      perLoop.add(l);
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long gcMs = 0;
    long gcCount = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMs += Math.max(0, gc.getCollectionTime());
      gcCount += Math.max(0, gc.getCollectionCount());
    }
    JsonObject sample = new JsonObject()
        .put("heapUsed", heap.getUsed())
        .put("heapMax", heap.getMax())
        .put("heapAfterGc", gcCount == 0 ? null : heapAfterGc())
        .put("eventLoopLagMs", maxLag)
        .put("eventLoopLagsMs", perLoop)
        .put("heartbeatLoop", lag.indexOfCurrent())
        .put("fdLinkLoop", fdLinkLoop)
        .put("gcMs", gcMs)
        .put("gcCount", gcCount)
        .put("connections", traffic.open.sum())
        .put("inFlight", traffic.inFlight.sum())
        .put("served", traffic.served.sum())
        .put("uptimeMs", ManagementFactory.getRuntimeMXBean().getUptime());
    traffic.latency.sampleInto(sample);
    return sample;
  }

  /**
   * Heap in use right after the most recent collection, young or full (HotSpot's GcInfo): what a full heap
   * is judged by, since used heap alone climbs to near max before every collection of a healthy worker.
   */
  private long heapAfterGc() {
    com.sun.management.GcInfo last = null;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof com.sun.management.GarbageCollectorMXBean hs) {
        com.sun.management.GcInfo info = hs.getLastGcInfo();
        if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
          last = info;
        }
      }
    }
    long used = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage u = last != null ? last.getMemoryUsageAfterGc().get(pool.getName()) : pool.getCollectionUsage();
      if (u != null) {
        used += u.getUsed();
      }
    }
    return used;
  }
}
