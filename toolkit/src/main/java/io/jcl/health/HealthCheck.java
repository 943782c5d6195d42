package io.jcl.health;

import io.jcl.dsl.Deployment.HealthConfig;
import io.vertx.core.json.JsonObject;

/**
 * Judges one heartbeat sample against the script's thresholds. A breach counts toward
 * {@code failAfter}; a lone spike (one GC pause) does not replace a worker.
 */
public final class HealthCheck {

  private final HealthConfig config;

  public HealthCheck(HealthConfig config) {
    this.config = config;
  }

  /** The breached threshold described for the log, or null when the sample is healthy. */
  public String breach(JsonObject sample) {
    if (config.maxHeap() != null) {
      long used = sample.getLong("heapUsed", 0L);
      long max = sample.getLong("heapMax", 0L);
      if (max > 0 && used * 100.0 / max > config.maxHeap().value()) {
        return String.format("heap %.0f%% over %s", used * 100.0 / max, config.maxHeap());
      }
    }
    if (config.maxEventLoopLag() != null) {
      long lag = sample.getLong("eventLoopLagMs", 0L);
      if (lag > config.maxEventLoopLag().toMillis()) {
        return "event-loop lag " + lag + "ms over " + config.maxEventLoopLag().toMillis() + "ms";
      }
    }
    return null;
  }

  /** True when a heartbeat last seen at {@code lastNanos} is now later than the timeout. */
  public boolean late(long lastNanos, long nowNanos) {
    return nowNanos - lastNanos > config.timeout().toNanos();
  }
}
