package io.jcl.loadgen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one event loop records about its requests, for one phase of the run. A shard has two: the
 * measured one, which the report is made of, and a throwaway one for warmup requests. Warmup requests are
 * tallied exactly like measured ones, only elsewhere, so that when measurement starts the code it runs is
 * the code the JIT has already compiled: skipping the tallies during warmup left them interpreted, and cost
 * a 20 ms stall right at the start of measurement (class loading, deoptimization).
 */
final class ShardTally {
  final LatencyRecorders recorders = new LatencyRecorders();
  final OutcomeCounts outcomes = new OutcomeCounts();
  final WorkerTally workers;
  final Timeline timeline;
  /** One per restart window, made when the window's first request completes here (not per request). */
  final RestartTally[] restartTallies = new RestartTally[RestartWindows.MAX];
  /** The requests outside every window. */
  final RestartTally outsideRestart = new RestartTally();
  final List<Set<String>> workersBySource = new ArrayList<>();

  // Progress counters: single writer (the shard's event loop), read by the coordinator.
  volatile long planned;
  volatile long completed;
  volatile long failed;
  long sent;
  /** Requests that found every connection of their pool busy (or being opened) and waited for one. */
  long waited;
  /** Responses (and the OK among them) that arrived before measurement ended: the run's throughput. */
  long responsesInTime;
  long okInTime;

  /** Requests the pacer handed to the pools in each second after measurement started (by hand-off time). */
  final long[] handedOffPerSecond;
  /** When the last request was handed off, from measurement start. */
  long lastHandOff = Long.MIN_VALUE;
  /** Planned time of the first request of the current run of requests handed off late (MIN_VALUE: none). */
  private long behindSince = Long.MIN_VALUE;
  /** The longest such stretch, from the first late request's planned time to the last one's hand-off. */
  long longestBehind;

  ShardTally(int seconds, int windows, int sources) {
    this.workers = new WorkerTally(seconds, windows);
    this.timeline = new Timeline(seconds);
    this.handedOffPerSecond = new long[seconds];
    for (int c = 0; c < sources; c++) {
      workersBySource.add(new HashSet<>());
    }
  }

  RestartTally restartTally(int window) {
    RestartTally t = restartTallies[window];
    if (t == null) {
      t = restartTallies[window] = new RestartTally();
    }
    return t;
  }

  /**
   * The pacer handed off a request planned at {@code plannedAt}, {@code lag} late, {@code sinceStart} after
   * measurement started. Later than {@link OfferedLoad#BEHIND_NANOS} counts as behind; the first request
   * handed off closer to its plan ends the stretch.
   */
  void handedOff(long plannedAt, long lag, long sinceStart) {
    if (lag > OfferedLoad.BEHIND_NANOS) {
      if (behindSince == Long.MIN_VALUE) {
        behindSince = plannedAt;
      }
      longestBehind = Math.max(longestBehind, plannedAt - behindSince + lag);
    } else {
      behindSince = Long.MIN_VALUE;
    }
    handedOffPerSecond[timeline.secondOf(sinceStart)]++;
    lastHandOff = sinceStart;
  }
}
