package io.jcl.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

  /** Human-readable descriptions of every limit the report breaks; empty when all hold. */
  public List<String> violations(Report report) {
    List<String> out = new ArrayList<>();
    if (maxFailed != null && report.failed() > maxFailed) {
      out.add("failed " + report.failed() + " > max " + maxFailed);
    }
    checkLatency(out, "p50", p50, report.latency().p50Ms());
    checkLatency(out, "p99", p99, report.latency().p99Ms());
    checkLatency(out, "p99.9", p999, report.latency().p999Ms());
    checkLatency(out, "max", max, report.latency().maxMs());
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

  private static void checkLatency(List<String> out, String name, Duration limit, double actualMs) {
    if (limit != null && actualMs > limit.toNanos() / 1e6) {
      out.add(String.format("latency %s %.3f ms > %d ms", name, actualMs, limit.toMillis()));
    }
  }
}
