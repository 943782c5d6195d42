package io.jcl.loadgen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every restart window of a run: the one {@code restartAt} triggers and the ones a {@link RestartWatch}
 * reports. Each is a {@link RestartMarker} the shards read when a request completes; markers are
 * published before the count that makes them visible, so a shard never sees a half-made one. Bounded at
 * {@link #MAX}: a shard looks at every open window for every request, and a run with more restarts than
 * that says so instead.
 */
final class RestartWindows implements RestartSink {

  static final int MAX = 16;

  private final RestartMarker[] markers = new RestartMarker[MAX];
  private final String[] causes = new String[MAX];
  private final String[] statuses = new String[MAX];
  private final List<Map<String, Double>> marks = new ArrayList<>();
  private volatile int count;
  private int dropped;
  /** Wall clock at the start of measurement, in ns since the epoch: what a watch's times are offsets from. */
  private long originEpochNanos;

  /** Measurement starts at {@code measureStart} (System.nanoTime): a watch's wall-clock times count from then. */
  synchronized void origin(long measureStart) {
    originEpochNanos = System.currentTimeMillis() * 1_000_000L + (measureStart - System.nanoTime());
  }

  int count() {
    return count;
  }

  RestartMarker marker(int i) {
    return markers[i];
  }

  /** Opens a window {@code at} ns after the start of measurement; −1 when there are {@link #MAX} already. */
  synchronized int beginAt(long at, String cause) {
    int i = count;
    if (i == MAX) {
      dropped++;
      return -1;
    }
    RestartMarker m = new RestartMarker();
    m.begin(at);
    markers[i] = m;
    causes[i] = cause;
    statuses[i] = "not completed";
    marks.add(new LinkedHashMap<>());
    count = i + 1; // publishes the marker
    return i;
  }

  synchronized void endAt(int i, long at, String status) {
    if (i >= 0 && i < count) {
      markers[i].finish(Math.max(at, markers[i].start()));
      statuses[i] = status;
    }
  }

  @Override
  public synchronized int begin(long epochMs, String cause) {
    return beginAt(offset(epochMs), cause);
  }

  @Override
  public synchronized void mark(int window, long epochMs, String what) {
    if (window >= 0 && window < count) {
      marks.get(window).put(what, offset(epochMs) / 1e6);
    }
  }

  @Override
  public synchronized void end(int window, long epochMs, String status) {
    endAt(window, offset(epochMs), status);
  }

  private long offset(long epochMs) {
    return epochMs * 1_000_000L - originEpochNanos;
  }

  synchronized String cause(int i) {
    return causes[i];
  }

  synchronized String status(int i) {
    return statuses[i];
  }

  synchronized Map<String, Double> marks(int i) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(marks.get(i)));
  }

  /** Restarts reported beyond {@link #MAX}: their requests count as outside every window. */
  synchronized int dropped() {
    return dropped;
  }
}
