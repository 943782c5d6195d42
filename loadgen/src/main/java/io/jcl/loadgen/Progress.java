package io.jcl.loadgen;

import java.util.Map;

/**
 * A live snapshot of a run, for the progress line.
 *
 * @param elapsedSeconds seconds since measurement started (warmup excluded)
 * @param planned        requests planned so far
 * @param completed      requests with an outcome so far
 * @param failed         failed so far
 * @param rate           completions per second over the last second
 * @param p99Ms          corrected latency p99 over the last second, in ms
 * @param shares         per-worker share of responses so far
 */
public record Progress(double elapsedSeconds, long planned, long completed, long failed, double rate,
                       double p99Ms, Map<String, Double> shares) {
}
