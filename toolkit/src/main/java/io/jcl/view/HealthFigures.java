package io.jcl.view;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The figures {@code jcl status} and the dashboard show from a worker's last heartbeat, read defensively: heartbeats grow
 * new fields (per-event-loop lag, heap after GC, ...) and older workers lack them, so an absent or
 * unexpected field is shown as "-", never as an error.
 */
public final class HealthFigures {

  public static final String NONE = "-";

  private HealthFigures() {
  }

  /** The worst event-loop lag in ms: a number, or the largest of an array or object of numbers. */
  public static Long lagMs(JsonObject health) {
    if (health == null) {
      return null;
    }
    Object v = health.getValue("eventLoopLagMs");
    if (v == null) {
      v = health.getValue("eventLoopLagsMs");
    }
    return largest(v);
  }

  private static Long largest(Object v) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    Iterable<?> values = v instanceof JsonArray a ? a : v instanceof JsonObject o ? o.getMap().values() : null;
    if (values == null) {
      return null;
    }
    Long max = null;
    for (Object e : values) {
      @SuppressWarnings("unchecked")
      Long x = largest(e instanceof java.util.Map<?, ?> m ? new JsonObject((java.util.Map<String, Object>) m) : e);
      if (x != null && (max == null || x > max)) {
        max = x;
      }
    }
    return max;
  }

  public static Long number(JsonObject health, String key) {
    return health != null && health.getValue(key) instanceof Number n ? n.longValue() : null;
  }

  /**
   * The worker's request latency over its last heartbeat interval in ms, to the microsecond (p99 preferred,
   * else p50), or null: no request served in that interval, or a worker whose heartbeats carry none.
   */
  public static Double latencyMs(JsonObject health) {
    for (String key : new String[] {"latencyP99Ms", "latencyP50Ms"}) {
      if (health != null && health.getValue(key) instanceof Number n) {
        return n.doubleValue();
      }
    }
    return null;
  }

  /** "1.25" (p99 ms over the last heartbeat interval), or "-". */
  public static String latency(JsonObject health) {
    Double ms = latencyMs(health);
    return ms == null ? NONE : ms >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", ms)
        : String.format(java.util.Locale.ROOT, "%.2f", ms);
  }

  /** "54/256" (MB used of max), or "-". */
  public static String heap(JsonObject health) {
    Long used = number(health, "heapUsed");
    Long max = number(health, "heapMax");
    if (used == null) {
      return NONE;
    }
    return (used >> 20) + (max != null && max > 0 ? "/" + (max >> 20) : "");
  }

  public static String orDash(Object v) {
    return v == null ? NONE : String.valueOf(v);
  }

  /** 12s, 3m05s, 2h07m, 3d04h. */
  public static String duration(Long ms) {
    if (ms == null || ms < 0) {
      return NONE;
    }
    long s = ms / 1000;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return String.format("%dd%02dh", s / 86400, s % 86400 / 3600);
  }
}
