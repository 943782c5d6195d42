package io.jcl.loadgen;

/**
 * One restart window, as offsets from the start of measurement, published through {@link RestartWindows}
 * and read by every event loop when a request completes: a request belongs to the window when it was
 * planned or completed inside it. The end is unknown (MAX) until the restart is seen to end.
 */
final class RestartMarker {
  private volatile long start = Long.MAX_VALUE;
  private volatile long end = Long.MAX_VALUE;

  void begin(long at) {
    start = at;
  }

  void finish(long at) {
    end = at;
  }

  boolean contains(long plannedAt) {
    return plannedAt >= start && plannedAt < end;
  }

  long start() {
    return start;
  }

  long end() {
    return end;
  }
}
