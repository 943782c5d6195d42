package io.jcl.loadgen;

import org.HdrHistogram.Histogram;

/**
 * What one event loop saw of one worker: written only by that event loop; {@link #count} is volatile so
 * the progress line can read it from elsewhere. Allocated on the first response from the worker, never
 * per request.
 */
final class WorkerStats {
  volatile long count;
  final OutcomeCounts outcomes = new OutcomeCounts();
  final Histogram latency = LatencyRecorders.newHistogram();
  final long[] perSecond;
  final long[] perWindow;
  /** Connections placed on this worker (see {@link RawHttpConnection#place}), over the run and per window. */
  long connections;
  final long[] connectionsPerWindow;
  long firstSeenNanos = Long.MAX_VALUE;
  long lastSeenNanos = Long.MIN_VALUE;

  WorkerStats(int seconds, int windows) {
    perSecond = new long[seconds];
    perWindow = new long[windows];
    connectionsPerWindow = new long[windows];
  }

  /** @param at completion time as an offset from the start of measurement */
  void record(Outcome outcome, long latencyNanos, long at, int second, int window) {
    count = count + 1; // single writer
    outcomes.add(outcome);
    latency.recordValue(LatencyRecorders.clamp(latencyNanos));
    perSecond[second]++;
    perWindow[window]++;
    firstSeenNanos = Math.min(firstSeenNanos, at);
    lastSeenNanos = Math.max(lastSeenNanos, at);
  }

  void mergeInto(WorkerStats total) {
    total.count = total.count + count;
    total.connections += connections;
    total.outcomes.addAll(outcomes);
    total.latency.add(latency);
    for (int i = 0; i < perSecond.length; i++) {
      total.perSecond[i] += perSecond[i];
    }
    for (int i = 0; i < perWindow.length; i++) {
      total.perWindow[i] += perWindow[i];
      total.connectionsPerWindow[i] += connectionsPerWindow[i];
    }
    total.firstSeenNanos = Math.min(total.firstSeenNanos, firstSeenNanos);
    total.lastSeenNanos = Math.max(total.lastSeenNanos, lastSeenNanos);
  }
}
