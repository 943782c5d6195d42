package io.jcl.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CI limits a run must meet. Unset limits (null / false) are not checked. Evaluated only when the
 * generator kept up: a saturated generator says nothing about the target.
 */
public record Thresholds(Long maxFailed, Duration p50, Duration p99, Duration p999, Duration max,
                         boolean fair, boolean expectSticky) {

  public static final Thresholds NONE = new Thresholds(null, null, null, null, null, false, false);

  public Thresholds withMaxFailed(long n) {
    return new Thresholds(n, p50, p99, p999, max, fair, expectSticky);
  }

  public Thresholds withP50(Duration d) {
    return new Thresholds(maxFailed, d, p99, p999, max, fair, expectSticky);
  }

  public Thresholds withP99(Duration d) {
    return new Thresholds(maxFailed, p50, d, p999, max, fair, expectSticky);
  }

  public Thresholds withP999(Duration d) {
    return new Thresholds(maxFailed, p50, p99, d, max, fair, expectSticky);
  }

  public Thresholds withMax(Duration d) {
    return new Thresholds(maxFailed, p50, p99, p999, d, fair, expectSticky);
  }

  public Thresholds withFair(boolean b) {
    return new Thresholds(maxFailed, p50, p99, p999, max, b, expectSticky);
  }

  public Thresholds withExpectSticky(boolean b) {
    return new Thresholds(maxFailed, p50, p99, p999, max, fair, b);
  }

  /**
   * Human-readable descriptions of every limit the report shows the target breaking; empty when all hold.
   * A latency limit counts here only when latency less the generator's own lag breaks it too.
   */
  public List<String> violations(Report report) {
    List<String> out = new ArrayList<>();
    if (maxFailed != null && report.failed() > maxFailed) {
      out.add("failed " + report.failed() + " > max " + maxFailed);
    }
    for (LatencyLimit l : latencyLimits(report)) {
      if (l.broken() && l.brokenAfterHandOff()) {
        out.add(String.format(Locale.ROOT, "latency %s %.3f ms > %s", l.name, l.latencyMs, ms(l.limit)));
      }
    }
    if (fair && report.fairness().verdict() != FairnessVerdict.FAIR) {
      out.add("fairness " + report.fairness().verdict() + " (expected FAIR)");
    }
    if (expectSticky) {
      if (report.sticky() == null) {
        out.add("stickiness not measured (needs sourceIps > 1)");
      } else if (!report.sticky().passed()) {
        out.add("not sticky: " + report.sticky().violators() + " source address(es) reached more than one worker");
      }
    }
    return out;
  }

  /**
   * Latency limits that only the generator's own lag broke: latency (from the planned time) is above the
   * limit, latency from the moment the generator handed the request off is not. No verdict on the target.
   */
  public List<String> brokenByGeneratorLag(Report report) {
    List<String> out = new ArrayList<>();
    for (LatencyLimit l : latencyLimits(report)) {
      if (l.broken() && !l.brokenAfterHandOff()) {
        out.add(String.format(Locale.ROOT, "latency %s %.3f ms > %s, but %.3f ms without the generator's own lag "
            + "(pacer lag p99 %.3f ms): the excess is the generator's, not the target's", l.name, l.latencyMs,
            ms(l.limit), l.afterHandOffMs, report.pacerLag().p99Ms()));
      }
    }
    return out;
  }

  /**
   * Every threshold set, each judged on its own with its figures. A saturated run judges none of them
   * (NO_VERDICT), as {@link #violations} is not consulted then either.
   */
  public List<ThresholdCheck> checks(Report report) {
    List<ThresholdCheck> out = new ArrayList<>();
    boolean saturated = report.saturated();
    if (maxFailed != null) {
      String actual = report.failed() + " failed of " + report.planned() + " planned " + report.outcomes().asMap();
      out.add(check("failed <= " + maxFailed, report.failed() > maxFailed, false, saturated, actual));
    }
    for (LatencyLimit l : latencyLimits(report)) {
      String actual = String.format(Locale.ROOT, "%s %.3f ms (%.3f ms without the generator's own lag)", l.name,
          l.latencyMs, l.afterHandOffMs);
      out.add(check(l.name + " <= " + ms(l.limit), l.broken() && l.brokenAfterHandOff(),
          l.broken() && !l.brokenAfterHandOff(), saturated, actual));
    }
    if (fair) {
      FairnessResult f = report.fairness();
      String actual = String.format(Locale.ROOT, "%s by %s %s (largest deviation from an even share %.1f%%)",
          f.verdict(), f.unit().name().toLowerCase(Locale.ROOT), f.counts(), 100 * f.maxDeviation());
      out.add(check("fair", f.verdict() != FairnessVerdict.FAIR, false, saturated, actual));
    }
    if (expectSticky) {
      StickyCheck st = report.sticky();
      String actual = st == null ? "not measured (needs sourceIps > 1)"
          : st.passed() ? "every source address reached one worker"
          : st.violators() + " source address(es) reached more than one worker";
      out.add(check("sticky", st == null || !st.passed(), false, saturated, actual));
    }
    return out;
  }

  private static ThresholdCheck check(String name, boolean failed, boolean lagOnly, boolean saturated, String actual) {
    ThresholdCheck.Status s = saturated || lagOnly ? ThresholdCheck.Status.NO_VERDICT
        : failed ? ThresholdCheck.Status.FAIL : ThresholdCheck.Status.PASS;
    return new ThresholdCheck(name, s, actual);
  }

  /** 50 ms, 0.001 ms: a limit as written, below a millisecond too. */
  static String ms(Duration d) {
    return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + " ms"
        : new java.math.BigDecimal(d.toNanos()).movePointLeft(6).stripTrailingZeros().toPlainString() + " ms";
  }

  private List<LatencyLimit> latencyLimits(Report r) {
    List<LatencyLimit> out = new ArrayList<>();
    Percentiles all = r.latency();
    Percentiles own = r.afterHandOff();
    if (p50 != null) out.add(new LatencyLimit("p50", p50, all.p50Ms(), own.p50Ms()));
    if (p99 != null) out.add(new LatencyLimit("p99", p99, all.p99Ms(), own.p99Ms()));
    if (p999 != null) out.add(new LatencyLimit("p99.9", p999, all.p999Ms(), own.p999Ms()));
    if (max != null) out.add(new LatencyLimit("max", max, all.maxMs(), own.maxMs()));
    return out;
  }

  private record LatencyLimit(String name, Duration limit, double latencyMs, double afterHandOffMs) {
    boolean broken() {
      return latencyMs > limit.toNanos() / 1e6;
    }

    boolean brokenAfterHandOff() {
      return afterHandOffMs > limit.toNanos() / 1e6;
    }
  }
}
