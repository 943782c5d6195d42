package io.jcl.loadgen;

import java.util.Map;

/**
 * Fairness of one window (or of the whole run).
 *
 * @param verdict       FAIR / UNFAIR / INCONCLUSIVE
 * @param unit          what was counted: requests (a new connection per request) or connections (keep-alive)
 * @param jain          Jain's index (Σx)²/(n·Σx²) over the expected workers, 1 = perfectly even
 * @param cv            coefficient of variation of the per-worker counts
 * @param maxDeviation  max over workers of |share/expected − 1|
 * @param moreNeeded    for INCONCLUSIVE, an estimate of how many more of the unit would decide it
 *                      (0 when decided, −1 when no estimate is possible)
 * @param total         units counted among the expected workers
 * @param shares        share per expected worker
 * @param counts        units per expected worker: the numbers behind the verdict
 * @param expectedShare 1 / number of expected workers
 */
public record FairnessResult(FairnessVerdict verdict, FairnessUnit unit, double jain, double cv, double maxDeviation,
                             long moreNeeded, long total, Map<String, Double> shares, Map<String, Long> counts,
                             double expectedShare) {
}
