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
  final RestartTally restartTally = new RestartTally();
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

  ShardTally(int seconds, int windows, int sources) {
    this.workers = new WorkerTally(seconds, windows);
    this.timeline = new Timeline(seconds);
    for (int c = 0; c < sources; c++) {
      workersBySource.add(new HashSet<>());
    }
  }
}
