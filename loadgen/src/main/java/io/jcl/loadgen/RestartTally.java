package io.jcl.loadgen;

import org.HdrHistogram.Histogram;

/** Outcomes and latency of the requests planned inside the restart window, as one event loop saw them. */
final class RestartTally {
  final OutcomeCounts outcomes = new OutcomeCounts();
  final Histogram latency = LatencyRecorders.newHistogram();

  void record(Outcome outcome, long latencyNanos, boolean hasLatency) {
    outcomes.add(outcome);
    if (hasLatency) {
      latency.recordValue(LatencyRecorders.clamp(latencyNanos));
    }
  }

  void mergeInto(RestartTally total) {
    total.outcomes.addAll(outcomes);
    total.latency.add(latency);
  }
}
