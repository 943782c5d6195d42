package io.jcl.loadgen;

import java.util.Map;

/**
 * One worker over the whole run. Times are ms from the start of measurement.
 *
 * @param count       responses from this worker
 * @param connections connections the scheduler placed on it (see {@link RawHttpConnection#place})
 * @param perSecond   responses completed in each second of the run
 */
public record WorkerSummary(String id, long count, double share, long connections, double p50Ms, double p99Ms, double maxMs,
                            Map<String, Long> outcomes, double firstSeenMs, double lastSeenMs, long[] perSecond) {
}
