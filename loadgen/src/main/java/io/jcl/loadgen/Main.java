package io.jcl.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A plain command line for the generator alone (bench/loadgen uses it; users get {@code jcl loadtest}).
 * <pre>
 * java -cp ... io.jcl.loadgen.Main URL --rps N [--duration 10s] [--warmup 2s] [--connections C]
 *      [--new-connection-per-request] [--poisson] [--timeout 2s] [--event-loops N] [--source-ips K]
 *      [--header K:V]... [--method M] [--body TEXT] [--json F] [--hgrm F] [--html F] [--progress]
 * </pre>
 * Prints the text summary, then one {@code RESULT key=value ...} line for scripts; exits with the
 * verdict's code (0, 3, 4), 2 on a usage error, 1 when the run itself failed.
 */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    LoadSpec.Builder builder;
    Path json = null;
    Path hgrm = null;
    Path html = null;
    boolean progress = false;
    int eventLoops = 1;
    try {
      if (args.length == 0 || args[0].startsWith("--")) {
        throw new IllegalArgumentException("usage: Main URL --rps N [options]; see the class javadoc");
      }
      builder = LoadSpec.builder(args[0]);
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--rps" -> builder.rps(Double.parseDouble(args[++i]));
          case "--duration" -> builder.duration(duration(args[++i]));
          case "--warmup" -> builder.warmup(duration(args[++i]));
          case "--timeout" -> builder.timeout(duration(args[++i]));
          case "--connections" -> builder.connections(Integer.parseInt(args[++i]));
          case "--new-connection-per-request" -> builder.newConnectionPerRequest(true);
          case "--poisson" -> builder.poisson(true);
          case "--event-loops" -> {
            eventLoops = Integer.parseInt(args[++i]);
            builder.eventLoops(eventLoops);
          }
          case "--source-ips" -> builder.sourceIps(Integer.parseInt(args[++i]));
          case "--header" -> {
            String[] kv = args[++i].split(":", 2);
            builder.header(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
          }
          case "--method" -> builder.method(HttpMethod.valueOf(args[++i].toUpperCase(Locale.ROOT)));
          case "--body" -> builder.body(args[++i].getBytes(StandardCharsets.UTF_8));
          case "--json" -> json = Path.of(args[++i]);
          case "--hgrm" -> hgrm = Path.of(args[++i]);
          case "--html" -> html = Path.of(args[++i]);
          case "--progress" -> progress = true;
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
    } catch (RuntimeException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    LoadSpec spec;
    try {
      spec = builder.build();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    // Event loops: the pacing shards plus one spare for the coordinator.
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(eventLoops + 1));
    boolean tty = progress;
    long cpuBefore = cpuNanos();
    long wallBefore = System.nanoTime();
    int exit;
    try {
      Report report = LoadGenerator.run(vertx, spec, p -> {
        if (tty) {
          System.err.print("\r" + ProgressLine.format(p) + "   ");
        }
      }).await(spec.warmup().plus(spec.duration()).plus(spec.drain()).toSeconds() + 60, TimeUnit.SECONDS);
      long cpu = cpuNanos() - cpuBefore;
      double wall = (System.nanoTime() - wallBefore) / 1e9;
      if (tty) {
        System.err.println();
      }
      System.out.print(TextSummary.format(report));
      if (json != null) {
        JsonReport.write(report, json);
      }
      if (hgrm != null) {
        HgrmReport.write(report, hgrm);
      }
      if (html != null) {
        HtmlReport.write(report, html);
      }
      System.out.printf(Locale.ROOT,
          "RESULT rps=%.0f planned=%d sent=%d ok=%d failed=%d offered=%.1f throughput=%.1f saturated=%s "
              + "worstSecondRps=%.0f p99ms=%.3f pacerP99ms=%.3f cpuSeconds=%.3f wallSeconds=%.3f verdict=%s%n",
          spec.rps(), report.planned(), report.sent(), report.outcomes().get(Outcome.OK), report.failed(),
          report.offeredRate(), report.throughput(), report.saturated(), report.offered().worstSecondRate(), report.latency().p99Ms(),
          report.pacerLag().p99Ms(), cpu / 1e9, wall, report.verdict());
      exit = report.exitCode();
    } catch (Exception e) {
      System.err.println("run failed: " + e);
      exit = 1;
    }
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // exiting anyway
    }
    System.exit(exit);
  }

  /** CPU time of this whole JVM (generator, JIT and GC included), as the OS accounts it. */
  static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** "250ms", "10s", "2m", or a bare number of seconds. */
  static Duration duration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
    }
    if (t.endsWith("m")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
    }
    return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
  }
}
