package io.jcl.loadgen;

import java.util.Locale;
import java.util.Map;

/** The human summary printed at the end of a run. */
public final class TextSummary {
  private TextSummary() {
  }

  public static String format(Report r) {
    StringBuilder b = new StringBuilder();
    line(b, "target        %s  %.0f req/s for %.1f s", r.target(), r.targetRate(), r.durationSeconds());
    line(b, "requests      planned %d  sent %d  failed %d", r.planned(), r.sent(), r.failed());
    StringBuilder outcomes = new StringBuilder();
    r.outcomes().asMap().forEach((k, v) -> {
      if (v > 0) {
        outcomes.append(k).append('=').append(v).append("  ");
      }
    });
    line(b, "outcomes      %s", outcomes.toString().trim());
    line(b, "rate          offered %.1f/s  throughput %.1f/s  goodput %.1f/s", r.offeredRate(), r.throughput(), r.goodput());
    percentiles(b, "latency", r.latency());
    percentiles(b, "  pacer lag", r.pacerLag()); // the generator's own lateness: part of the latency above
    percentiles(b, "service time", r.serviceTime());
    percentiles(b, "schedule lag", r.scheduleLag());
    OfferedLoad o = r.offered();
    line(b, "generator     handed off %.1f/s, worst second %.0f%s; behind by more than %d ms for at most %.0f ms",
        o.handOffRate(), o.worstSecondRate(), o.worstSecond() < 0 ? "" : " (second " + o.worstSecond() + ")",
        OfferedLoad.BEHIND_NANOS / 1_000_000, o.longestBehindMs());
    ConnectionCounts c = r.connections();
    line(b, "connections   opened %d  most open at once %d  requests that waited for one %d", c.opened(), c.peakOpen(),
        c.waited());
    for (WorkerSummary w : r.workers().values()) {
      line(b, "worker %-12s %8d requests (%5.1f%%)  %5d connections  p50 %.2f ms  p99 %.2f ms", w.id(), w.count(),
          100 * w.share(), w.connections(), w.p50Ms(), w.p99Ms());
    }
    FairnessResult f = r.fairness();
    long windowsFair = r.fairnessWindows().stream().filter(w -> w.result().verdict() == FairnessVerdict.FAIR).count();
    String windows = r.fairnessWindows().isEmpty() ? "" // sticky addresses: no window places anything new
        : String.format(Locale.ROOT, "  (windows fair %d/%d)", windowsFair, r.fairnessWindows().size());
    line(b, "fairness      %s by %s %s  jain %.4f  cv %.4f  max deviation %.1f%%%s%s", f.verdict(),
        f.unit().label(), counts(f), f.jain(), f.cv(), 100 * f.maxDeviation(), inconclusive(f), windows);
    line(b, "longest gap   %d ms without a success", r.longestGapMs());
    for (RestartWindow w : r.restarts()) {
      line(b, "restart       %s", w.cause());
      StringBuilder steps = new StringBuilder();
      w.marksMs().forEach((what, at) -> steps.append(String.format(Locale.ROOT, ", %s at %.0f ms", what, at)));
      line(b, "  window      %.0f..%s ms %s%s", w.startMs(), w.endMs() < 0 ? "?" : String.format(Locale.ROOT, "%.0f", w.endMs()),
          w.status(), steps);
      line(b, "  inside      %d requests, %d failed%s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, recovery %.0f ms", w.requests(),
          w.failed(), failures(w.outcomes()), w.p50Ms(), w.p99Ms(), w.maxMs(), w.recoveryMs());
      line(b, "  outside     %d requests, %d failed, p50 %.2f ms, p99 %.2f ms (outside every window)", w.outsideRequests(),
          w.outsideFailed(), w.outsideP50Ms(), w.outsideP99Ms());
    }
    if (r.restartNote() != null) {
      line(b, "restart       %s", r.restartNote());
    }
    if (r.sticky() != null) {
      line(b, "sticky        %s", r.sticky().passed() ? "yes: each source address reached one worker"
          : "NO: " + r.sticky().violators() + " source address(es) reached several workers");
      for (Map.Entry<String, java.util.Set<String>> e : r.sticky().workersBySource().entrySet()) {
        line(b, "  %-12s -> %s", e.getKey(), e.getValue());
      }
    }
    for (String s : r.saturationReasons()) {
      line(b, "saturated     %s", s);
    }
    for (String s : r.violations()) {
      line(b, "threshold     %s", s);
    }
    for (String s : r.notes()) {
      line(b, "note          %s", s);
    }
    line(b, "verdict       %s (exit %d)", r.verdict(), r.exitCode());
    return b.toString();
  }

  /** " (TIMEOUT=37 RESET=2)": the failed outcomes, or nothing. */
  private static String failures(Map<String, Long> outcomes) {
    StringBuilder b = new StringBuilder();
    outcomes.forEach((k, v) -> {
      if (v > 0 && !k.equals(Outcome.OK.name()) && !k.equals(Outcome.IN_FLIGHT_AT_END.name())) {
        b.append(b.length() == 0 ? " (" : " ").append(k).append('=').append(v);
      }
    });
    return b.length() == 0 ? "" : b.append(')').toString();
  }

  /** The numbers behind the verdict: 25/25, or 13/12/13/12. */
  private static String counts(FairnessResult f) {
    StringBuilder b = new StringBuilder();
    f.counts().values().forEach(c -> b.append(b.length() == 0 ? "" : "/").append(c));
    return b.toString();
  }

  private static String inconclusive(FairnessResult f) {
    if (f.verdict() != FairnessVerdict.INCONCLUSIVE || f.moreNeeded() < 0) {
      return "";
    }
    return switch (f.unit()) {
      case CONNECTIONS -> String.format(Locale.ROOT,
          "  (%d connections are too few to resolve the band; %d would, see --connections)", f.total(),
          f.total() + f.moreNeeded());
      // The counts are per slot an address reached (one that a skipped slot sent elsewhere counts twice).
      case SOURCES -> String.format(Locale.ROOT, "  (sticky by client address: too few addresses to show the spread "
          + "within the band; ~%d would: --source-ips, up to 254, or a wider --fairness-delta)",
          f.total() + f.moreNeeded());
      case REQUESTS -> "  ~" + f.moreNeeded() + " more requests needed";
    };
  }

  private static void percentiles(StringBuilder b, String name, Percentiles p) {
    line(b, "%-13s p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f ms", name, p.p50Ms(), p.p90Ms(), p.p99Ms(),
        p.p999Ms(), p.maxMs());
  }

  private static void line(StringBuilder b, String format, Object... args) {
    b.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
