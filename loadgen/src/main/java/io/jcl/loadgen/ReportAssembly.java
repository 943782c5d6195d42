package io.jcl.loadgen;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Merges what the shards recorded into one {@link Report}, and decides the verdict. */
final class ReportAssembly {
  /**
   * A worker counts as alive for a whole fairness window when it was seen within this fraction of the
   * window's edges: its first and last responses cannot land exactly on them.
   */
  private static final double WINDOW_EDGE_SLACK = 0.10;

  private final LoadSpec spec;
  private final List<LoadShard> shards;
  private final int seconds;
  private final int windows;

  ReportAssembly(LoadSpec spec, List<LoadShard> shards, int seconds, int windows) {
    this.spec = spec;
    this.shards = shards;
    this.seconds = seconds;
    this.windows = windows;
  }

  Report assemble(Histogram latency, Histogram serviceTime, Histogram scheduleLag, Histogram pacerLag,
                  Histogram afterHandOff, List<Double> p99PerSecond, RestartWindows restartWindows, boolean nativeTransport) {
    long planned = 0;
    long dispatched = 0;
    long sent = 0;
    long responsesInTime = 0;
    long okInTime = 0;
    OutcomeCounts outcomes = new OutcomeCounts();
    WorkerTally workers = new WorkerTally(seconds, windows);
    Timeline timeline = new Timeline(seconds);
    int windowCount = restartWindows.count();
    RestartTally[] inWindow = new RestartTally[windowCount];
    for (int i = 0; i < windowCount; i++) {
      inWindow[i] = new RestartTally();
    }
    RestartTally outsideRestart = new RestartTally();
    Map<String, Set<String>> bySource = new TreeMap<>();
    long[] handedOffPerSecond = new long[seconds];
    long lastHandOff = 0;
    long longestBehind = 0;
    for (LoadShard shard : shards) {
      ShardTally m = shard.measured;
      for (int s = 0; s < seconds; s++) {
        handedOffPerSecond[s] += m.handedOffPerSecond[s];
      }
      lastHandOff = Math.max(lastHandOff, m.lastHandOff);
      longestBehind = Math.max(longestBehind, m.longestBehind);
      planned += m.planned;
      dispatched += shard.dispatched;
      sent += m.sent;
      responsesInTime += m.responsesInTime;
      okInTime += m.okInTime;
      outcomes.addAll(m.outcomes);
      m.workers.mergeInto(workers);
      m.timeline.mergeInto(timeline);
      for (int i = 0; i < windowCount; i++) {
        if (m.restartTallies[i] != null) {
          m.restartTallies[i].mergeInto(inWindow[i]);
        }
      }
      m.outsideRestart.mergeInto(outsideRestart);
      for (int c = 0; c < m.workersBySource.size(); c++) {
        Set<String> reached = bySource.computeIfAbsent("127.0.0." + (c + 1), k -> new TreeSet<>());
        m.workersBySource.get(c).forEach(id -> reached.add(judgedAs(id)));
      }
    }
    outcomes.checkAddsUpTo(planned);

    double durationS = spec.duration().toNanos() / 1e9;

    Map<String, WorkerSummary> workerSummaries = new TreeMap<>();
    long workerTotal = workers.workers.values().stream().mapToLong(w -> w.count).sum();
    workers.workers.forEach((id, w) -> workerSummaries.put(id, new WorkerSummary(id, w.count,
        workerTotal == 0 ? 0 : (double) w.count / workerTotal, w.connections,
        w.latency.getValueAtPercentile(50) / 1e6, w.latency.getValueAtPercentile(99) / 1e6,
        w.latency.getMaxValue() / 1e6, w.outcomes.asMap(), w.firstSeenNanos / 1e6, w.lastSeenNanos / 1e6,
        w.perSecond.clone())));

    // What the scheduler placed: connections under keep-alive, requests with a new connection each, the
    // client addresses under a scheduler sticky by address.
    FairnessUnit unit = spec.placedBySource() ? FairnessUnit.SOURCES
        : spec.newConnectionPerRequest() ? FairnessUnit.REQUESTS : FairnessUnit.CONNECTIONS;
    Map<String, Long> judged = new TreeMap<>();
    spec.expectedWorkers().forEach(id -> judged.put(id, 0L));
    workers.workers.forEach((id, w) -> judged.merge(judgedAs(id), switch (unit) {
      case CONNECTIONS -> w.connections;
      case REQUESTS -> w.count;
      case SOURCES -> 0L; // counted below, an address once per worker it reached
    }, Long::sum));
    if (unit == FairnessUnit.SOURCES) {
      bySource.values().forEach(reached -> reached.forEach(id -> judged.merge(id, 1L, Long::sum)));
    }
    // Responses without a worker header (an error page from a proxy, say) are not a worker to be fair to.
    if (judged.size() > 1) {
      judged.remove(WorkerTally.UNKNOWN);
    }
    FairnessResult fairness = Fairness.judge(unit, judged, spec.fairnessDelta());
    List<FairnessWindow> fairnessWindows = windowFairness(workers, unit);

    List<RestartWindow> restarts = new ArrayList<>();
    String restartNote = null;
    if (spec.restartAt() != null && spec.restartTrigger() == null) {
      restartNote = "restart not available: no restart trigger was supplied";
    }
    for (int i = 0; i < windowCount; i++) {
      restarts.add(restartWindow(restartWindows, i, inWindow[i], outsideRestart, timeline));
    }
    if (restartWindows.dropped() > 0) {
      restartNote = (restartNote == null ? "" : restartNote + "; ") + restartWindows.dropped() + " more restart(s) than the "
          + RestartWindows.MAX + " windows a run keeps: their requests count as outside";
    }

    int durationMs = (int) spec.duration().toMillis();
    long longestGap = timeline.longestGapMillis(durationMs);

    StickyCheck sticky = spec.sourceIps() > 1 ? new StickyCheck(Collections.unmodifiableMap(bySource)) : null;

    List<SecondSample> samples = new ArrayList<>();
    int lastSecond = (int) Math.ceil(durationS) - 1;
    for (int s = lastSecond + 1; s < seconds; s++) {
      if (timeline.completed[s] > 0) {
        lastSecond = s;
      }
    }
    for (int s = 0; s <= lastSecond && s < seconds; s++) {
      Map<String, Long> perWorker = new TreeMap<>();
      for (Map.Entry<String, WorkerStats> e : workers.workers.entrySet()) {
        perWorker.put(e.getKey(), e.getValue().perSecond[s]);
      }
      double p99 = s < p99PerSecond.size() ? p99PerSecond.get(s) : 0;
      samples.add(new SecondSample(s, timeline.completed[s], timeline.ok[s], timeline.failed[s], p99, perWorker));
    }

    OfferedLoad offered = OfferedLoad.of(durationS, planned, sent, lastHandOff, handedOffPerSecond, longestBehind);
    List<String> saturation = offered.saturationReasons(spec.rps(), planned, sent, outcomes.get(Outcome.NOT_SENT) > 0);
    long opened = 0;
    long peakOpen = 0;
    long waited = 0;
    for (LoadShard shard : shards) {
      ConnectionCounts c = shard.connectionCounts();
      opened += c.opened();
      peakOpen += c.peakOpen();
      waited += c.waited();
    }
    List<String> notes = new ArrayList<>();
    if (!nativeTransport) {
      notes.add("Vert.x runs on the NIO transport: its timers wake in whole milliseconds, so pacing above "
          + "about 1,000 req/s may show as saturation; add netty-transport-native-epoll");
    }

    Report report = new Report(spec.target().toString(), spec.rps(), durationS, planned, dispatched, sent,
        outcomes, outcomes.failed(), sent / durationS, responsesInTime / durationS, okInTime / durationS,
        Percentiles.of(latency), Percentiles.of(serviceTime), Percentiles.of(scheduleLag), Percentiles.of(pacerLag),
        Percentiles.of(afterHandOff), latency.copy(), serviceTime.copy(), Collections.unmodifiableMap(workerSummaries), fairness, fairnessWindows, restarts,
        restartNote, longestGap, sticky, samples, !saturation.isEmpty(), saturation, offered,
        new ConnectionCounts(opened, peakOpen, waited), null, List.of(), notes);
    if (report.saturated()) {
      return report.withVerdict(Verdict.GENERATOR_SATURATED, List.of());
    }
    List<String> violations = spec.thresholds().violations(report);
    if (!violations.isEmpty()) {
      return report.withVerdict(Verdict.THRESHOLD_FAILED, violations);
    }
    // Broken only by the generator's own lag: no verdict on the target either way.
    List<String> lagged = spec.thresholds().brokenByGeneratorLag(report);
    return report.withVerdict(lagged.isEmpty() ? Verdict.PASS : Verdict.GENERATOR_SATURATED, lagged);
  }

  /** The worker as fairness and stickiness count it: its slot when judged by slot (see LoadSpec#bySlot). */
  private String judgedAs(String id) {
    int dash = id.indexOf('-');
    return spec.bySlot() && dash > 0 ? id.substring(0, dash) : id;
  }

  private List<FairnessWindow> windowFairness(WorkerTally workers, FairnessUnit unit) {
    if (unit == FairnessUnit.SOURCES) {
      return List.of(); // an address stays with its worker: a second of the run places nothing new
    }
    long windowNanos = spec.fairnessWindow().toNanos();
    int full = (int) (spec.duration().toNanos() / windowNanos);
    long slack = (long) (windowNanos * WINDOW_EDGE_SLACK);
    List<FairnessWindow> out = new ArrayList<>();
    for (int w = 0; w < full && w < windows; w++) {
      long start = w * windowNanos;
      long end = start + windowNanos;
      Map<String, Long> eligible = new LinkedHashMap<>();
      for (Map.Entry<String, WorkerStats> e : new TreeMap<>(workers.workers).entrySet()) {
        WorkerStats s = e.getValue();
        if (!e.getKey().equals(WorkerTally.UNKNOWN) && s.firstSeenNanos <= start + slack && s.lastSeenNanos >= end - slack) {
          eligible.put(e.getKey(), unit == FairnessUnit.CONNECTIONS ? s.connectionsPerWindow[w] : s.perWindow[w]);
        }
      }
      out.add(new FairnessWindow(w, start / 1e6, end / 1e6, Fairness.judge(unit, eligible, spec.fairnessDelta())));
    }
    return out;
  }

  private static RestartWindow restartWindow(RestartWindows windows, int i, RestartTally tally, RestartTally outside,
                                             Timeline timeline) {
    RestartMarker restart = windows.marker(i);
    double startMs = restart.start() / 1e6;
    boolean ended = restart.end() != Long.MAX_VALUE;
    double endMs = ended ? restart.end() / 1e6 : -1;
    double recovery = -1;
    if (ended) {
      int first = timeline.firstSuccessAtOrAfter((int) Math.ceil(endMs));
      recovery = first < 0 ? -1 : Math.max(0, first - endMs);
    }
    return new RestartWindow(startMs, endMs, windows.status(i), recovery, tally.outcomes.total(), tally.outcomes.asMap(),
        tally.outcomes.failed(), percentile(tally.latency, 99), tally.latency.getMaxValue() / 1e6,
        percentile(tally.latency, 50), percentile(outside.latency, 50), percentile(outside.latency, 99),
        windows.cause(i), windows.marks(i), outside.outcomes.total(), outside.outcomes.failed());
  }

  private static double percentile(Histogram h, double p) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1e6;
  }
}
