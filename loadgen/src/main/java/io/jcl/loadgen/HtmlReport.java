package io.jcl.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page (--html): the summary, a latency percentile plot (corrected latency
 * against service time: the distance between the two curves is the queueing a closed-loop tool would
 * have omitted), throughput and per-worker share per second, restart windows shaded. Inline SVG only:
 * no script, no external URL, so it opens anywhere, offline, without console errors.
 */
public final class HtmlReport {
  /** The percentile plot stops here: beyond it a run rarely has enough samples to say anything. */
  private static final double MAX_PERCENTILE = 99.999;

  private HtmlReport() {
  }

  public static String render(Report r) {
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    b.append("<title>jcl loadtest report</title><style>");
    b.append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}");
    b.append("pre{background:#f6f6f6;padding:12px;overflow-x:auto;font-size:12px}");
    b.append(".chart-title{font-weight:600;font-size:14px}.tick,.legend{font-size:11px}.axis{font-size:12px}");
    b.append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}");
    b.append(".verdict-PASS{color:#2a7}.verdict-THRESHOLD_FAILED{color:#c22}.verdict-GENERATOR_SATURATED{color:#c80}");
    b.append("</style></head><body>\n");
    b.append("<h1>jcl loadtest: <span class=\"verdict-").append(r.verdict()).append("\">").append(r.verdict())
        .append("</span></h1>\n");
    b.append("<p>").append(SvgChart.esc(r.target())).append(String.format(java.util.Locale.ROOT,
        " at %.0f req/s for %.1f s. Latency is measured from each request's <em>planned</em> send time "
            + "(open model), so queueing caused by a slow server is included.</p>\n", r.targetRate(), r.durationSeconds()));
    b.append("<h2>Latency by percentile</h2>\n");
    b.append(percentilePlot(r));
    b.append("<h2>Throughput per second</h2>\n");
    b.append(throughputPlot(r));
    b.append("<h2>Share of responses per worker, per second</h2>\n");
    b.append(sharePlot(r));
    b.append("<h2>Workers</h2>\n").append(workerTable(r));
    b.append(fairnessParagraph(r));
    b.append("<h2>Latency and the generator's own lag</h2>\n").append(lagTable(r));
    b.append("<h2>Summary</h2>\n<pre id=\"summary\">").append(SvgChart.esc(TextSummary.format(r))).append("</pre>\n");
    b.append("</body></html>\n");
    return b.toString();
  }

  public static void write(Report r, Path file) throws IOException {
    Files.writeString(file, render(r), StandardCharsets.UTF_8);
  }

  private static String percentilePlot(Report r) {
    SvgChart chart = new SvgChart("Latency by percentile (ms)", "percentile", "ms");
    addPercentileSeries(chart, "latency (corrected)", r.latencyHistogram());
    addPercentileSeries(chart, "service time", r.serviceTimeHistogram());
    String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
    for (int i = 0; i < labels.length; i++) {
      chart.xTick(i, labels[i]);
    }
    return chart.render("percentile-plot");
  }

  private static void addPercentileSeries(SvgChart chart, String name, Histogram h) {
    if (h.getTotalCount() == 0) {
      return;
    }
    List<double[]> points = new ArrayList<>();
    for (HistogramIterationValue v : h.percentiles(5)) {
      double p = v.getPercentileLevelIteratedTo();
      if (p > MAX_PERCENTILE) {
        break;
      }
      points.add(new double[] {Math.log10(1 / (1 - p / 100)), h.highestEquivalentValue(v.getValueIteratedTo()) / 1e6});
    }
    points.add(new double[] {Math.log10(1 / (1 - MAX_PERCENTILE / 100)), h.getMaxValue() / 1e6});
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = points.get(i)[0];
      ys[i] = points.get(i)[1];
    }
    chart.series(name, xs, ys);
  }

  /** Whole seconds of the measured period: the drain's partial seconds would look like a collapse. */
  private static int plottedSeconds(Report r) {
    return Math.max(1, Math.min(r.timeline().size(), (int) Math.floor(r.durationSeconds())));
  }

  private static String throughputPlot(Report r) {
    SvgChart chart = new SvgChart("Completions per second", "seconds since start of measurement", "req/s");
    int n = plottedSeconds(r);
    double[] xs = new double[n];
    double[] completed = new double[n];
    double[] ok = new double[n];
    double[] failed = new double[n];
    for (int i = 0; i < n; i++) {
      SecondSample s = r.timeline().get(i);
      xs[i] = s.second() + 0.5;
      completed[i] = s.completed();
      ok[i] = s.ok();
      failed[i] = s.failed();
    }
    chart.series("completed", xs, completed).series("ok", xs, ok).series("failed", xs, failed);
    bands(chart, r);
    return chart.render("throughput-plot");
  }

  private static String sharePlot(Report r) {
    SvgChart chart = new SvgChart("Share of responses (%)", "seconds since start of measurement", "%").yMax(100);
    int n = plottedSeconds(r);
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = r.timeline().get(i).second() + 0.5;
    }
    for (String worker : r.workers().keySet()) {
      double[] ys = new double[n];
      for (int i = 0; i < n; i++) {
        Map<String, Long> perWorker = r.timeline().get(i).perWorker();
        long total = perWorker.values().stream().mapToLong(Long::longValue).sum();
        ys[i] = total == 0 ? 0 : 100.0 * perWorker.getOrDefault(worker, 0L) / total;
      }
      chart.series(worker, xs, ys);
    }
    bands(chart, r);
    return chart.render("share-plot");
  }

  private static void bands(SvgChart chart, Report r) {
    for (RestartWindow w : r.restarts()) {
      double end = w.endMs() < 0 ? r.durationSeconds() * 1000 : w.endMs();
      chart.band(w.startMs() / 1000, end / 1000, String.format(java.util.Locale.ROOT,
          "%s (%s): %d requests, %d failed, p99 %.1f ms", w.cause(), w.status(), w.requests(), w.failed(), w.p99Ms()));
    }
  }

  private static String workerTable(Report r) {
    StringBuilder b = new StringBuilder("<table id=\"workers\"><tr><th>worker</th><th>connections</th><th>responses</th>"
        + "<th>share</th><th>p50 ms</th><th>p99 ms</th><th>max ms</th><th>first seen s</th><th>last seen s</th></tr>");
    for (WorkerSummary w : r.workers().values()) {
      b.append(String.format(java.util.Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d</td><td>%.1f%%</td><td>%.2f</td>"
              + "<td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td></tr>",
          SvgChart.esc(w.id()), w.connections(), w.count(), 100 * w.share(), w.p50Ms(), w.p99Ms(), w.maxMs(),
          w.firstSeenMs() / 1000, w.lastSeenMs() / 1000));
    }
    return b.append("</table>\n").toString();
  }

  /** Which unit was judged, and why that one. */
  private static String fairnessParagraph(Report r) {
    FairnessResult f = r.fairness();
    String why = switch (f.unit()) {
      case CONNECTIONS -> "Under keep-alive the scheduler places connections and every request on one goes to the same "
          + "worker, so the connections are counted, every one the run opened: the verdict describes this run's placement.";
      case REQUESTS -> "With a new connection per request every request is placed on its own: the requests are a sample "
          + "of the scheduler, judged with Bonferroni-adjusted 95% Wilson intervals.";
      case SOURCES -> "The cluster is sticky by client address: each address goes to one worker, so the addresses are "
          + "counted (a sample of the scheduler's hash, judged with Bonferroni-adjusted 95% Wilson intervals); "
          + "--source-ips spreads the clients over more of them.";
    };
    return String.format(java.util.Locale.ROOT, "<p id=\"fairness\">Fairness <strong>%s</strong> by %s: %s over "
        + "%d workers, largest deviation from an even share %.1f%%. %s</p>\n", f.verdict(), f.unit().label(),
        SvgChart.esc(f.counts().toString()), f.counts().size(), 100 * f.maxDeviation(), why);
  }

  /** Latency next to the lag that is part of it. */
  private static String lagTable(Report r) {
    StringBuilder b = new StringBuilder("<table id=\"lag\"><tr><th></th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th>"
        + "<th>p99.9 ms</th><th>max ms</th></tr>");
    row(b, "latency (from the planned time)", r.latency());
    row(b, "of which the generator's lag", r.pacerLag());
    row(b, "latency without that lag", r.afterHandOff());
    row(b, "service time (from the send)", r.serviceTime());
    OfferedLoad o = r.offered();
    b.append("</table>\n").append(String.format(java.util.Locale.ROOT, "<p>Handed off %.1f req/s; worst second %.0f; "
        + "behind schedule by more than %d ms for at most %.0f ms.</p>\n", o.handOffRate(), o.worstSecondRate(),
        OfferedLoad.BEHIND_NANOS / 1_000_000, o.longestBehindMs()));
    return b.toString();
  }

  private static void row(StringBuilder b, String name, Percentiles p) {
    b.append(String.format(java.util.Locale.ROOT,
        "<tr><td style=\"text-align:left\">%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>",
        name, p.p50Ms(), p.p90Ms(), p.p99Ms(), p.p999Ms(), p.maxMs()));
  }
}
