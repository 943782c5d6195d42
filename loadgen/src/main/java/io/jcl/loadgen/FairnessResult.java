package io.jcl.loadgen;

import java.util.Map;

/**
 * Fairness of one window (or of the whole run).
 *
 * @param verdict        FAIR / UNFAIR / INCONCLUSIVE
 * @param jain           Jain's index (Σx)²/(n·Σx²) over the expected workers, 1 = perfectly even
 * @param cv             coefficient of variation of the per-worker counts
 * @param maxDeviation   max over workers of |share/expected − 1|
 * @param requestsNeeded for INCONCLUSIVE, an estimate of how many more requests would decide it
 *                       (0 when decided, −1 when no estimate is possible)
 * @param total          requests counted among the expected workers
 * @param shares         share per expected worker
 * @param expectedShare  1 / number of expected workers
 */
public record FairnessResult(FairnessVerdict verdict, double jain, double cv, double maxDeviation,
                             long requestsNeeded, long total, Map<String, Double> shares, double expectedShare) {
}
