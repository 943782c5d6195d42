package io.jcl.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;

/**
 * The histograms one event loop records into, in ns with 3 significant digits. Recorders, so the
 * coordinator can take a per-second interval snapshot from another thread without stopping the writer;
 * {@link SingleWriterRecorder}s, as only that event loop records: the multi-writer {@code Recorder} pays
 * several atomic updates per value (a concurrent histogram inside), four values per request.
 * <ul>
 *   <li>latency = completion − planned (the corrected latency; includes any queueing, so it is never
 *       also corrected with {@code recordValueWithExpectedInterval})</li>
 *   <li>service time = completion − actual send (what a closed-loop tool would report)</li>
 *   <li>schedule lag = actual send − planned (pacer lateness plus waiting for a pooled connection)</li>
 *   <li>pacer lag = dispatch to the client − planned (the generator's own lateness only)</li>
 *   <li>after hand-off = completion − dispatch: latency less the generator's own lateness, which tells a
 *       latency threshold broken by the target from one broken by the generator's lag</li>
 * </ul>
 */
public final class LatencyRecorders {
  /** Values are clamped here; anything longer is a broken run anyway. */
  static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);
  static final int DIGITS = 3;

  final SingleWriterRecorder latency = newRecorder();
  final SingleWriterRecorder serviceTime = newRecorder();
  final SingleWriterRecorder scheduleLag = newRecorder();
  final SingleWriterRecorder pacerLag = newRecorder();
  final SingleWriterRecorder afterHandOff = newRecorder();

  private Histogram latencyRecycle;
  private Histogram serviceRecycle;
  private Histogram lagRecycle;
  private Histogram pacerRecycle;
  private Histogram afterHandOffRecycle;

  static SingleWriterRecorder newRecorder() {
    return new SingleWriterRecorder(1, HIGHEST_NANOS, DIGITS);
  }

  public static Histogram newHistogram() {
    return new Histogram(1, HIGHEST_NANOS, DIGITS);
  }

  static long clamp(long nanos) {
    return nanos < 1 ? 1 : Math.min(nanos, HIGHEST_NANOS);
  }

  /**
   * Moves everything recorded since the last call into the totals, and returns this interval's latency
   * histogram (valid until the next call). Safe from any thread; one caller at a time.
   */
  Histogram drainInto(Histogram latencyTotal, Histogram serviceTotal, Histogram lagTotal, Histogram pacerTotal,
                      Histogram afterHandOffTotal) {
    latencyRecycle = latency.getIntervalHistogram(latencyRecycle);
    serviceRecycle = serviceTime.getIntervalHistogram(serviceRecycle);
    lagRecycle = scheduleLag.getIntervalHistogram(lagRecycle);
    pacerRecycle = pacerLag.getIntervalHistogram(pacerRecycle);
    afterHandOffRecycle = afterHandOff.getIntervalHistogram(afterHandOffRecycle);
    latencyTotal.add(latencyRecycle);
    serviceTotal.add(serviceRecycle);
    lagTotal.add(lagRecycle);
    pacerTotal.add(pacerRecycle);
    afterHandOffTotal.add(afterHandOffRecycle);
    return latencyRecycle;
  }
}
