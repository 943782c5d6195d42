package io.jcl.loadgen;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;

/**
 * The result of a run. Rates are per second over the measured duration; latencies in ms.
 * <ul>
 *   <li>{@code latency}: completion − planned, for every response and, as a lower bound, for TIMEOUT and
 *       NOT_SENT (a stall longer than the timeout must still show)</li>
 *   <li>{@code serviceTime}: completion − actual send, responses only</li>
 *   <li>{@code scheduleLag}: actual send − planned (includes waiting for a pooled connection)</li>
 *   <li>{@code offeredRate}: sent per second. {@code throughput} / {@code goodput}: responses / OK
 *       responses that arrived before the measured duration ended, per second: what the target delivered
 *       during the run, as wrk counts it. Responses after the end (to requests that queued) still get
 *       their outcome, but a backlog served late does not pass for throughput.</li>
 *   <li>{@code pacerLag}: hand-off to the HTTP client − planned: the generator's own lateness</li>
 *   <li>{@code afterHandOff}: completion − hand-off, the latency less the generator's own lateness</li>
 *   <li>{@code offered}: what the generator offered (sent per second, its worst second, how long it fell
 *       behind), which decides {@link Verdict#GENERATOR_SATURATED}</li>
 *   <li>{@code connections}: how many it opened, the most open at once, and how many requests waited for one</li>
 * </ul>
 */
public record Report(
    String target,
    double targetRate,
    double durationSeconds,
    long planned,
    long dispatched,
    long sent,
    OutcomeCounts outcomes,
    long failed,
    double offeredRate,
    double throughput,
    double goodput,
    Percentiles latency,
    Percentiles serviceTime,
    Percentiles scheduleLag,
    Percentiles pacerLag,
    Percentiles afterHandOff,
    Histogram latencyHistogram,
    Histogram serviceTimeHistogram,
    Map<String, WorkerSummary> workers,
    FairnessResult fairness,
    List<FairnessWindow> fairnessWindows,
    List<RestartWindow> restarts,
    String restartNote,
    long longestGapMs,
    StickyCheck sticky,
    List<SecondSample> timeline,
    boolean saturated,
    List<String> saturationReasons,
    OfferedLoad offered,
    ConnectionCounts connections,
    Verdict verdict,
    List<String> violations,
    List<String> notes) {

  Report withVerdict(Verdict v, List<String> why) {
    return new Report(target, targetRate, durationSeconds, planned, dispatched, sent, outcomes, failed, offeredRate,
        throughput, goodput, latency, serviceTime, scheduleLag, pacerLag, afterHandOff, latencyHistogram, serviceTimeHistogram, workers, fairness,
        fairnessWindows, restarts, restartNote, longestGapMs, sticky, timeline, saturated, saturationReasons, offered,
        connections, v, why, notes);
  }

  /** The process exit code for this run's verdict (see {@link Verdict}). */
  public int exitCode() {
    return verdict.exitCode();
  }
}
