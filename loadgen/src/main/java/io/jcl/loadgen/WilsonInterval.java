package io.jcl.loadgen;

/**
 * The Wilson score interval for a binomial proportion: unlike the normal approximation it stays inside
 * [0, 1] and behaves at small counts and extreme shares, which is where fairness verdicts are decided.
 */
public record WilsonInterval(double low, double high) {

  public static WilsonInterval of(long successes, long trials, double z) {
    if (trials <= 0) {
      return new WilsonInterval(0, 1);
    }
    double n = trials;
    double p = successes / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double halfWidth = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
    return new WilsonInterval(Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth));
  }

  public boolean within(double low, double high) {
    return this.low >= low && this.high <= high;
  }

  public boolean disjointFrom(double low, double high) {
    return this.high < low || this.low > high;
  }

  /**
   * The two-sided z for a confidence level split over {@code comparisons} intervals (Bonferroni): each
   * interval gets 1 − (1 − confidence)/comparisons, so all hold together with at least {@code confidence}.
   */
  public static double bonferroniZ(double confidence, int comparisons) {
    double alpha = (1 - confidence) / Math.max(1, comparisons);
    return inverseNormal(1 - alpha / 2);
  }

  /** Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9). */
  static double inverseNormal(double p) {
    if (p <= 0 || p >= 1) {
      throw new IllegalArgumentException("p must be in (0, 1): " + p);
    }
    final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -inverseNormal(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
