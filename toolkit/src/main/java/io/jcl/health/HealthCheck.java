package io.jcl.health;

import io.jcl.dsl.Deployment.HealthConfig;
import io.vertx.core.json.JsonObject;

/**
 * Judges one heartbeat sample against the script's thresholds. A breach counts toward
 * {@code failAfter}; a lone spike (one GC pause) does not replace a worker. The reasons read as
 * {@code jcl status} shows them: "event-loop lag 20.1 s > 2 s".
 */
public final class HealthCheck {

  private final HealthConfig config;

  public HealthCheck(HealthConfig config) {
    this.config = config;
  }

  public HealthConfig config() {
    return config;
  }

  /** The breached threshold described for the log, or null when the sample is healthy. */
  public String breach(JsonObject sample) {
    if (config.maxHeap() != null) {
      // After GC: used heap alone nears max before every collection of a healthy worker.
      Long after = sample.getLong("heapAfterGc");
      long max = sample.getLong("heapMax", 0L);
      if (after != null && max > 0 && after * 100.0 / max > config.maxHeap().value()) {
        return String.format("heap after GC %.0f%% > %s (%d of %d MB)", after * 100.0 / max, config.maxHeap(),
            after >> 20, max >> 20);
      }
    }
    if (config.maxEventLoopLag() != null) {
      long lag = sample.getLong("eventLoopLagMs", 0L);
      if (lag > config.maxEventLoopLag().toMillis()) {
        return "event-loop lag " + millis(lag) + " > " + millis(config.maxEventLoopLag().toMillis()) + onLoop(sample, lag);
      }
    }
    return null;
  }

  /** True when a heartbeat last seen at {@code lastNanos} is now later than the timeout. */
  public boolean late(long lastNanos, long nowNanos) {
    return nowNanos - lastNanos > config.timeout().toNanos();
  }

  /**
   * A worker that owes an acknowledgement of a passed socket for this long is stalled: a healthy one
   * acknowledges within milliseconds (the primary already stops handing it connections after
   * {@code HandoffTarget.SKIP_UNACKED_NANOS}), so this only has to outlast a long GC pause. One heartbeat
   * interval, at least a second, never longer than the heartbeat timeout it is there to beat.
   */
  public long stallNanos() {
    long floor = Math.max(config.interval().toNanos(), 1_000_000_000L);
    return Math.min(floor, config.timeout().toNanos());
  }

  /** Why a worker owing {@code unacked} acknowledgements for {@code overdueNanos} is stalled, or null. */
  public String stalled(long overdueNanos, int unacked) {
    if (overdueNanos < stallNanos()) {
      return null;
    }
    return "stalled: " + unacked + " connection" + (unacked == 1 ? "" : "s") + " passed to it not taken for "
        + millis(overdueNanos / 1_000_000);
  }

  /** "850 ms", "20.1 s", "2 s". */
  public static String millis(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format("%.1f s", ms / 1000.0);
  }

  /** With several event loops, which one lags, and whether it is the one that sends the heartbeat. */
  private static String onLoop(JsonObject sample, long lag) {
    var lags = sample.getJsonArray("eventLoopLagsMs");
    if (lags == null || lags.size() < 2) {
      return "";
    }
    for (int i = 0; i < lags.size(); i++) {
      if (lags.getLong(i) == lag) {
        return " on event loop " + i + " of " + lags.size();
      }
    }
    return "";
  }
}
