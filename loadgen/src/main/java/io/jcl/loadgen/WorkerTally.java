package io.jcl.loadgen;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Responses per worker, keyed by the worker header's value ("unknown" when absent). One per event loop;
 * a concurrent map only so the progress line can iterate it while the event loop adds workers.
 */
final class WorkerTally {
  static final String UNKNOWN = "unknown";

  final Map<String, WorkerStats> workers = new ConcurrentHashMap<>();
  private final int seconds;
  private final int windows;

  WorkerTally(int seconds, int windows) {
    this.seconds = seconds;
    this.windows = windows;
  }

  int windowCount() {
    return windows;
  }

  WorkerStats of(String worker) {
    String id = worker == null || worker.isEmpty() ? UNKNOWN : worker;
    WorkerStats stats = workers.get(id);
    if (stats == null) {
      stats = new WorkerStats(seconds, windows);
      workers.put(id, stats);
    }
    return stats;
  }

  void mergeInto(WorkerTally total) {
    workers.forEach((id, stats) -> stats.mergeInto(total.of(id)));
  }
}
