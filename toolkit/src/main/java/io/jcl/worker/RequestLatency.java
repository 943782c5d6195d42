package io.jcl.worker;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.json.JsonObject;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * How long the worker took to serve its requests (request head read to response written), for the
 * heartbeat: p50, p99 and max over each heartbeat interval. Each thread that ends responses (an event
 * loop, in practice) records into its own HdrHistogram {@link SingleWriterRecorder}, found through
 * Netty's array-indexed thread local: no lock, no contended atomic and no allocation per request. The
 * heartbeat swaps every recorder's interval histogram out and adds them up.
 */
final class RequestLatency {

  /** Longer than this counts as this: a request open for ten minutes is a stall, not a latency figure. */
  private static final long HIGHEST_US = TimeUnit.MINUTES.toMicros(10);
  /** Two digits: p99 to within 1%, and a recorder of a few tens of KB per event loop. */
  private static final int DIGITS = 2;

  private final List<SingleWriterRecorder> recorders = new CopyOnWriteArrayList<>();
  private final FastThreadLocal<SingleWriterRecorder> own = new FastThreadLocal<>() {
    @Override
    protected SingleWriterRecorder initialValue() {
      SingleWriterRecorder r = new SingleWriterRecorder(1, HIGHEST_US, DIGITS);
      recorders.add(r);
      return r;
    }
  };
  /** Heartbeat thread only: the interval's sum, and one recycled histogram per recorder. */
  private final Histogram interval = new Histogram(1, HIGHEST_US, DIGITS);
  private final Map<SingleWriterRecorder, Histogram> recycled = new IdentityHashMap<>();

  /** One request served in {@code nanos}; on the thread that ended its response. */
  void record(long nanos) {
    own.get().recordValue(Math.max(1, Math.min(HIGHEST_US, nanos / 1_000)));
  }

  /**
   * Adds {@code latencyCount} and, when any request was served since the last call, {@code latencyP50Ms},
   * {@code latencyP99Ms} and {@code latencyMaxMs} to {@code sample}. One caller at a time (the heartbeat).
   */
  void sampleInto(JsonObject sample) {
    interval.reset();
    for (SingleWriterRecorder r : recorders) {
      Histogram h = r.getIntervalHistogram(recycled.get(r));
      recycled.put(r, h);
      interval.add(h);
    }
    long count = interval.getTotalCount();
    sample.put("latencyCount", count);
    if (count > 0) {
      sample.put("latencyP50Ms", ms(interval.getValueAtPercentile(50)))
          .put("latencyP99Ms", ms(interval.getValueAtPercentile(99)))
          .put("latencyMaxMs", ms(interval.getMaxValue()));
    }
  }

  /** Microseconds as ms with three decimals. */
  private static double ms(long us) {
    return us / 1000.0;
  }
}
