package io.jcl.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Judges whether requests were spread evenly over the expected workers (DESIGN.md, "Load generator").
 * Each worker's share is a binomial proportion; its 95% Wilson interval, Bonferroni-adjusted for the
 * number of workers, is compared with the band expected·(1 ± δ).
 */
public final class Fairness {
  static final double CONFIDENCE = 0.95;

  private Fairness() {
  }

  /**
   * @param counts responses per expected worker (workers alive for the whole window, or all workers seen)
   * @param delta  relative tolerance around the expected share, e.g. 0.10
   */
  public static FairnessResult judge(Map<String, Long> counts, double delta) {
    int k = counts.size();
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Double> shares = new LinkedHashMap<>();
    if (k == 0 || total == 0) {
      counts.keySet().forEach(w -> shares.put(w, 0.0));
      return new FairnessResult(k == 0 ? FairnessVerdict.INCONCLUSIVE : FairnessVerdict.UNFAIR, 0, 0, 0,
          k == 0 ? -1 : 0, total, shares, k == 0 ? 0 : 1.0 / k);
    }
    double expected = 1.0 / k;
    double low = expected * (1 - delta);
    double high = expected * (1 + delta);
    double z = WilsonInterval.bonferroniZ(CONFIDENCE, k);

    double sum = 0;
    double sumSquares = 0;
    double maxDeviation = 0;
    boolean allWithin = true;
    boolean anyOutside = false;
    double neededTotal = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      long c = e.getValue();
      double share = (double) c / total;
      shares.put(e.getKey(), share);
      sum += c;
      sumSquares += (double) c * c;
      maxDeviation = Math.max(maxDeviation, Math.abs(share / expected - 1));
      WilsonInterval interval = WilsonInterval.of(c, total, z);
      if (c == 0 || interval.disjointFrom(low, high)) {
        anyOutside = true;
      } else if (!interval.within(low, high)) {
        allWithin = false;
        neededTotal = Math.max(neededTotal, totalNeeded(share, expected, delta, z));
      }
    }
    double mean = sum / k;
    double variance = Math.max(0, sumSquares / k - mean * mean);
    double jain = sum * sum / (k * sumSquares);
    double cv = mean == 0 ? 0 : Math.sqrt(variance) / mean;

    FairnessVerdict verdict = anyOutside ? FairnessVerdict.UNFAIR
        : allWithin ? FairnessVerdict.FAIR : FairnessVerdict.INCONCLUSIVE;
    long needed = 0;
    if (verdict == FairnessVerdict.INCONCLUSIVE) {
      needed = Double.isInfinite(neededTotal) ? -1 : Math.max(1, (long) Math.ceil(neededTotal - total));
    }
    return new FairnessResult(verdict, jain, cv, maxDeviation, needed, total, shares, expected);
  }

  /**
   * Sample size at which the interval around the observed share (assumed to stay where it is) would no
   * longer straddle the nearest band edge: half-width z·√(p(1−p)/n) must shrink below the distance from
   * p to that edge. Infinite when p sits on the edge.
   */
  static double totalNeeded(double share, double expected, double delta, double z) {
    double distance = Math.abs(Math.abs(share - expected) - delta * expected);
    if (distance < 1e-12) {
      return Double.POSITIVE_INFINITY;
    }
    double p = Math.min(Math.max(share, 1e-6), 1 - 1e-6);
    return z * z * p * (1 - p) / (distance * distance);
  }
}
