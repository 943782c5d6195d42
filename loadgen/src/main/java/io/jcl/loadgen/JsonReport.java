package io.jcl.loadgen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The machine-readable report (--json). Latencies in ms, rates per second. */
public final class JsonReport {
  private JsonReport() {
  }

  public static JsonObject toJson(Report r) {
    JsonObject outcomes = new JsonObject();
    r.outcomes().asMap().forEach(outcomes::put);

    JsonObject workers = new JsonObject();
    for (WorkerSummary w : r.workers().values()) {
      JsonObject wo = new JsonObject();
      w.outcomes().forEach((k, v) -> {
        if (v > 0) {
          wo.put(k, v);
        }
      });
      workers.put(w.id(), new JsonObject()
          .put("count", w.count())
          .put("share", w.share())
          .put("connections", w.connections())
          .put("p50", w.p50Ms())
          .put("p99", w.p99Ms())
          .put("max", w.maxMs())
          .put("outcomes", wo)
          .put("firstSeenMs", w.firstSeenMs())
          .put("lastSeenMs", w.lastSeenMs()));
    }

    JsonArray windows = new JsonArray();
    for (FairnessWindow w : r.fairnessWindows()) {
      windows.add(fairness(w.result()).put("index", w.index()).put("startMs", w.startMs()).put("endMs", w.endMs()));
    }

    JsonArray restarts = new JsonArray();
    for (RestartWindow w : r.restarts()) {
      restarts.add(new JsonObject()
          .put("startMs", w.startMs())
          .put("endMs", w.endMs())
          .put("status", w.status())
          .put("recoveryMs", w.recoveryMs())
          .put("requests", w.requests())
          .put("outcomes", new JsonObject(Map.copyOf(w.outcomes())))
          .put("failed", w.failed())
          .put("p99", w.p99Ms())
          .put("max", w.maxMs())
          .put("p50", w.p50Ms())
          .put("outsideP50", w.outsideP50Ms())
          .put("outsideP99", w.outsideP99Ms())
          .put("outsideRequests", w.outsideRequests())
          .put("outsideFailed", w.outsideFailed())
          .put("cause", w.cause())
          .put("marks", new JsonObject(new java.util.LinkedHashMap<>(w.marksMs()))));
    }

    JsonArray timeline = new JsonArray();
    for (SecondSample s : r.timeline()) {
      timeline.add(new JsonObject()
          .put("second", s.second())
          .put("completed", s.completed())
          .put("ok", s.ok())
          .put("failed", s.failed())
          .put("p99", s.p99Ms())
          .put("workers", new JsonObject(Map.copyOf(s.perWorker()))));
    }

    JsonObject json = new JsonObject()
        .put("target", r.target())
        .put("durationSeconds", r.durationSeconds())
        .put("planned", r.planned())
        .put("sent", r.sent())
        .put("outcomes", outcomes)
        .put("failed", r.failed())
        .put("rate", new JsonObject()
            .put("target", r.targetRate())
            .put("offered", r.offeredRate())
            .put("throughput", r.throughput())
            .put("goodput", r.goodput()))
        .put("latency", percentiles(r.latency()))
        .put("serviceTime", percentiles(r.serviceTime()))
        .put("scheduleLag", percentiles(r.scheduleLag()))
        .put("pacerLag", percentiles(r.pacerLag()))
        .put("afterHandOff", percentiles(r.afterHandOff()))
        .put("workers", workers)
        .put("fairness", fairness(r.fairness()).put("windows", windows))
        .put("restarts", restarts)
        .put("longestGapMs", r.longestGapMs())
        .put("saturated", r.saturated())
        .put("saturationReasons", new JsonArray(r.saturationReasons()))
        .put("saturation", new JsonObject()
            .put("saturated", r.saturated())
            .put("reasons", new JsonArray(r.saturationReasons()))
            // Kept from the earlier report: what the run sent in its worst second and over the run.
            .put("sustainableRate", Math.min(r.offered().worstSecondRate(), r.offered().sentRate()))
            .put("onScheduleUpTo", r.offered().worstSecondRate())
            .put("inVolume", r.offered().sentRate())
            .put("handOffRate", r.offered().handOffRate())
            .put("worstSecondRate", r.offered().worstSecondRate())
            .put("worstSecond", r.offered().worstSecond())
            .put("longestBehindMs", r.offered().longestBehindMs())
            .put("behindBoundMs", OfferedLoad.BEHIND_NANOS / 1e6)
            .put("momentMs", OfferedLoad.MOMENT_NANOS / 1e6))
        .put("connections", new JsonObject()
            .put("opened", r.connections().opened())
            .put("peakOpen", r.connections().peakOpen())
            .put("waited", r.connections().waited()))
        .put("verdict", r.verdict().name())
        .put("exitCode", r.exitCode())
        .put("violations", new JsonArray(r.violations()))
        .put("notes", new JsonArray(r.notes()))
        .put("timeline", timeline);
    if (r.restartNote() != null) {
      json.put("restartNote", r.restartNote());
    }
    if (r.sticky() != null) {
      JsonObject bySource = new JsonObject();
      r.sticky().workersBySource().forEach((k, v) -> bySource.put(k, new JsonArray(v.stream().toList())));
      json.put("sticky", new JsonObject().put("passed", r.sticky().passed()).put("sources", bySource));
    }
    return json;
  }

  public static void write(Report r, Path file) throws IOException {
    Files.writeString(file, toJson(r).encodePrettily(), StandardCharsets.UTF_8);
  }

  private static JsonObject percentiles(Percentiles p) {
    return new JsonObject()
        .put("count", p.count())
        .put("p50", p.p50Ms())
        .put("p90", p.p90Ms())
        .put("p99", p.p99Ms())
        .put("p999", p.p999Ms())
        .put("max", p.maxMs())
        .put("mean", p.meanMs());
  }

  private static JsonObject fairness(FairnessResult f) {
    return new JsonObject()
        .put("verdict", f.verdict().name())
        .put("jain", f.jain())
        .put("cv", f.cv())
        .put("maxDeviation", f.maxDeviation())
        .put("unit", f.unit().label())
        // In the unit judged (the key predates connections as a unit).
        .put("requestsNeeded", f.moreNeeded())
        .put("moreNeeded", f.moreNeeded())
        .put("counts", new JsonObject(Map.copyOf(f.counts())))
        .put("total", f.total())
        .put("expectedShare", f.expectedShare())
        .put("shares", new JsonObject(Map.copyOf(f.shares())));
  }
}
