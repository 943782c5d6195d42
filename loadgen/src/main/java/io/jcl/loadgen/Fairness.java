package io.jcl.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Judges whether the scheduler spread its placements evenly over the expected workers (DESIGN.md,
 * "Load generator"): requests with a new connection per request, connections under keep-alive.
 *
 * <p>Requests ({@link #ofRequests}): thousands of independent placements, a sample of what the
 * scheduler does. Each worker's share is a binomial proportion; its 95% Wilson interval,
 * Bonferroni-adjusted for the number of workers, is compared with the band expected·(1 ± δ).
 *
 * <p>Connections ({@link #ofConnections}): a keep-alive run has tens of them, and no test can certify a
 * ±10% band from 50 samples (the Wilson interval of a 25/25 split is ±32% of the share; ~500 connections
 * would be needed). But the generator sees every connection it opened: the counts are the whole of this
 * run's placements, not a sample of them, and they fix how the run's load was split. So the verdict
 * describes the run: FAIR when every worker's count lies in the band, UNFAIR when one lies outside it or
 * is zero. What limits it is resolution: when one connection is more than δ of a worker's expected count
 * (fewer than k/δ connections over k workers), the counts cannot show a ±δ deviation and the verdict is
 * INCONCLUSIVE, naming how many connections would decide it.
 */
public final class Fairness {
  static final double CONFIDENCE = 0.95;

  private Fairness() {
  }

  public static FairnessResult judge(FairnessUnit unit, Map<String, Long> counts, double delta) {
    return switch (unit) {
      case CONNECTIONS -> ofConnections(counts, delta);
      case REQUESTS -> ofRequests(counts, delta);
      case SOURCES -> ofSamples(counts, delta, FairnessUnit.SOURCES);
    };
  }

  /**
   * @param counts responses per expected worker (workers alive for the whole window, or all workers seen)
   * @param delta  relative tolerance around the expected share, e.g. 0.10
   */
  public static FairnessResult ofRequests(Map<String, Long> counts, double delta) {
    return ofSamples(counts, delta, FairnessUnit.REQUESTS);
  }

  /**
   * Placements as independent samples: requests, or the source addresses a sticky scheduler hashed. A
   * worker with none is unfair only when the interval says so: with thousands of requests it does, with
   * one address over two workers it cannot (the other worker is bound to have none).
   */
  private static FairnessResult ofSamples(Map<String, Long> counts, double delta, FairnessUnit unit) {
    Spread s = new Spread(counts);
    if (s.k == 0 || s.total == 0) {
      return s.empty(unit);
    }
    double z = WilsonInterval.bonferroniZ(CONFIDENCE, s.k);
    double low = s.expected * (1 - delta);
    double high = s.expected * (1 + delta);
    boolean allWithin = true;
    boolean anyOutside = false;
    double neededTotal = 0;
    for (long c : counts.values()) {
      double share = (double) c / s.total;
      WilsonInterval interval = WilsonInterval.of(c, s.total, z);
      if ((c == 0 && unit == FairnessUnit.REQUESTS) || interval.disjointFrom(low, high)) {
        anyOutside = true;
      } else if (!interval.within(low, high)) {
        allWithin = false;
        neededTotal = Math.max(neededTotal, totalNeeded(share, s.expected, delta, z));
      }
    }
    FairnessVerdict verdict = anyOutside ? FairnessVerdict.UNFAIR
        : allWithin ? FairnessVerdict.FAIR : FairnessVerdict.INCONCLUSIVE;
    long needed = 0;
    if (verdict == FairnessVerdict.INCONCLUSIVE && unit == FairnessUnit.SOURCES) {
      // A few addresses tell nothing of where more would go: how many an even split needs to be certified.
      double p = s.expected;
      needed = Math.max(1, (long) Math.ceil(z * z * (1 - p) / (delta * delta * p)) - s.total);
    } else if (verdict == FairnessVerdict.INCONCLUSIVE) {
      needed = Double.isInfinite(neededTotal) ? -1 : Math.max(1, (long) Math.ceil(neededTotal - s.total));
    }
    return s.result(verdict, unit, needed);
  }

  /** @param counts connections placed on each expected worker */
  public static FairnessResult ofConnections(Map<String, Long> counts, double delta) {
    Spread s = new Spread(counts);
    if (s.k == 0 || s.total == 0) {
      return s.empty(FairnessUnit.CONNECTIONS);
    }
    double expectedCount = (double) s.total / s.k;
    boolean anyOutside = false;
    for (long c : counts.values()) {
      anyOutside |= c == 0 || Math.abs(c - expectedCount) > delta * expectedCount + 1e-9;
    }
    long resolving = connectionsToResolve(s.k, delta);
    // A worker with none is unfair at any resolution; otherwise coarse counts decide nothing.
    boolean anyZero = counts.containsValue(0L);
    if (!anyZero && s.total < resolving) {
      return s.result(FairnessVerdict.INCONCLUSIVE, FairnessUnit.CONNECTIONS, resolving - s.total);
    }
    return s.result(anyOutside ? FairnessVerdict.UNFAIR : FairnessVerdict.FAIR, FairnessUnit.CONNECTIONS, 0);
  }

  /** The fewest connections over k workers at which one connection is within δ of a worker's count. */
  static long connectionsToResolve(int k, double delta) {
    return (long) Math.ceil(k / delta - 1e-9);
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

  /** The descriptive figures, the same whatever the unit. */
  private static final class Spread {
    final Map<String, Long> counts;
    final int k;
    final long total;
    final double expected;

    Spread(Map<String, Long> counts) {
      this.counts = counts;
      this.k = counts.size();
      this.total = counts.values().stream().mapToLong(Long::longValue).sum();
      this.expected = k == 0 ? 0 : 1.0 / k;
    }

    FairnessResult empty(FairnessUnit unit) {
      Map<String, Double> shares = new LinkedHashMap<>();
      counts.keySet().forEach(w -> shares.put(w, 0.0));
      return new FairnessResult(k == 0 ? FairnessVerdict.INCONCLUSIVE : FairnessVerdict.UNFAIR, unit, 0, 0, 0,
          k == 0 ? -1 : 0, total, shares, new LinkedHashMap<>(counts), expected);
    }

    FairnessResult result(FairnessVerdict verdict, FairnessUnit unit, long moreNeeded) {
      Map<String, Double> shares = new LinkedHashMap<>();
      double sum = 0;
      double sumSquares = 0;
      double maxDeviation = 0;
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        long c = e.getValue();
        double share = (double) c / total;
        shares.put(e.getKey(), share);
        sum += c;
        sumSquares += (double) c * c;
        maxDeviation = Math.max(maxDeviation, Math.abs(share / expected - 1));
      }
      double mean = sum / k;
      double variance = Math.max(0, sumSquares / k - mean * mean);
      double jain = sum * sum / (k * sumSquares);
      double cv = mean == 0 ? 0 : Math.sqrt(variance) / mean;
      return new FairnessResult(verdict, unit, jain, cv, maxDeviation, moreNeeded, total, shares,
          new LinkedHashMap<>(counts), expected);
    }
  }
}
