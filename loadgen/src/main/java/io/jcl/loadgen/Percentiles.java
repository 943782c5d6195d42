package io.jcl.loadgen;

import org.HdrHistogram.Histogram;

/** A histogram reduced to the figures reports show, in milliseconds. */
public record Percentiles(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
                          double meanMs) {

  public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0);

  public static Percentiles of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return EMPTY;
    }
    return new Percentiles(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1e6);
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }
}
