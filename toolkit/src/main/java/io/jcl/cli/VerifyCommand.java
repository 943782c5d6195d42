package io.jcl.cli;

import io.jcl.dsl.Deployment;
import io.jcl.dsl.DeploymentLoader;
import io.jcl.dsl.Durations;
import io.jcl.dsl.Options;
import io.jcl.dsl.ScriptProblems;
import io.jcl.loadgen.HtmlReport;
import io.jcl.loadgen.JUnitReport;
import io.jcl.loadgen.JUnitReport.EventCase;
import io.jcl.loadgen.JsonReport;
import io.jcl.loadgen.LoadGenerator;
import io.jcl.loadgen.LoadSpec;
import io.jcl.loadgen.ProgressLine;
import io.jcl.loadgen.ProgressListener;
import io.jcl.loadgen.Report;
import io.jcl.loadgen.RestartWindow;
import io.jcl.loadgen.TextSummary;
import io.jcl.loadgen.ThresholdCheck;
import io.jcl.loadgen.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jcl verify SCRIPT}: what a CI job used to script by hand around {@code jcl loadtest}, in one
 * command. Starts the script's cluster privately on a free loopback port, waits until every worker is
 * LISTENING, runs the script's {@code verify { }} scenario with the built-in load generator (the roll through
 * the generator, scale and kill events beside it), stops the cluster and removes everything it made.
 * Exit codes: 0 every threshold and event held, 3 one failed (named), 4 the generator could not offer the
 * load, 1 a script problem or a cluster that did not start (the reason and the workers' last output).
 */
@Command(name = "verify", description = "Start the script's cluster privately, run its verify { } load, roll and "
    + "thresholds, stop it: exit 0 pass, 3 a threshold or event failed, 4 generator saturated, 1 did not start.")
final class VerifyCommand implements Callable<Integer> {

  /** RunCoordinator's lead before T0: the measured part starts this long plus the warm-up after the run call. */
  private static final long START_LEAD_NANOS = 50_000_000L;

  @Parameters(index = "0", paramLabel = "SCRIPT")
  Path script;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override any option, e.g. verify.rate=500 or cluster.workers=4")
  List<String> sets = new ArrayList<>();

  @Option(names = "--json", description = "write the JSON report here (as jcl loadtest does)")
  Path json;

  @Option(names = "--html", description = "write the HTML report here (as jcl loadtest does)")
  Path html;

  @Option(names = "--junit", description = "write JUnit XML here: one test case per threshold and per provoked event")
  Path junit;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Deployment deployment;
    try {
      deployment = DeploymentLoader.load(script, ConfigLayers.read(sets));
    } catch (ScriptProblems p) {
      ProblemLines.print(p, err);
      return 1;
    }
    Deployment.VerifyConfig v = deployment.verify();
    long started = System.nanoTime();
    out.println("jcl verify: starting " + script + " (" + deployment.cluster().workers() + " workers, "
        + deployment.cluster().scheduling() + ") on a private loopback port");
    out.flush();
    PrivateCluster cluster;
    try {
      cluster = PrivateCluster.start(script, sets, deployment.restart().readyTimeout().toMillis());
    } catch (PrivateCluster.StartFailure f) {
      err.println("jcl verify: the cluster did not start: " + f.getMessage());
      err.println("--- last output of the primary and its workers ---");
      err.println(f.logTail);
      return 1;
    }
    try (cluster) {
      out.println("jcl verify: every worker LISTENING on 127.0.0.1:" + cluster.port + "; " + Scenario.describe(v));
      out.flush();
      return run(deployment, v, cluster, out, err, started);
    }
  }

  private int run(Deployment deployment, Deployment.VerifyConfig v, PrivateCluster cluster, PrintWriter out,
                  PrintWriter err, long started) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    Report report;
    List<EventCase> events = new ArrayList<>();
    // The roll's own outcome, also when it ends after the load: a roll cut short by the end of the load
    // still says why it failed (a new generation that never got LISTENING, say).
    CompletableFuture<String> rollOutcome = new CompletableFuture<>();
    try {
      LoadSpec.Builder b = Scenario.load(v, deployment.cluster().workerHeader(), cluster.port)
          .placedBySource(Options.SCHEDULING_STICKY.equals(deployment.cluster().scheduling()));
      if (v.rollAt() != null) {
        ReloadTrigger reload = new ReloadTrigger(vertx, cluster.dir, e -> {
          err.println("jcl verify: roll: " + ReloadCommand.describe(e));
          err.flush();
        });
        b.restartAt(v.rollAt()).restartTrigger(() -> reload.trigger().onComplete(ar ->
            rollOutcome.complete(ar.succeeded() ? "done" : "failed: " + ar.cause().getMessage())));
      }
      LoadSpec load = b.build();
      ProvokedEvents provoked = new ProvokedEvents(cluster.dir, deployment.restart().readyTimeout().toMillis(), err);
      boolean terminal = System.console() != null;
      ProgressListener progress = terminal ? p -> {
        System.err.print("\r" + ProgressLine.format(p));
        System.err.flush();
      } : ProgressListener.NONE;
      long launched = System.nanoTime();
      Future<Report> running = LoadGenerator.run(vertx, load, progress);
      provoked.schedule(v.events(), launched + START_LEAD_NANOS + v.warmup().toNanos());
      report = running.await();
      if (terminal) {
        System.err.println();
      }
      if (v.rollAt() != null) {
        String late = null;
        if (!report.restarts().isEmpty() && report.restarts().get(0).endMs() < 0) {
          Duration wait = deployment.restart().readyTimeout().plus(deployment.restart().drainTimeout()).plusSeconds(10);
          try {
            late = rollOutcome.get(wait.toMillis(), TimeUnit.MILLISECONDS);
          } catch (TimeoutException e) {
            late = "still running " + Durations.format(wait) + " after the load ended";
          }
        }
        events.add(rollCase(v, report, late));
      }
      events.addAll(provoked.results(deployment.restart().readyTimeout().toMillis() + 10_000));
    } finally {
      vertx.close();
    }
    List<ThresholdCheck> checks = Scenario.thresholds(v).checks(report);
    // The generator's own verdict line judges the load alone; verify's verdict is the checks and events below.
    TextSummary.format(report).lines().filter(l -> !l.startsWith("verdict")).forEach(out::println);
    out.println("checks:");
    List<String> failed = new ArrayList<>();
    for (ThresholdCheck c : checks) {
      out.printf(Locale.ROOT, "  %-10s %-22s %s%n", c.status(), c.name(), c.actual());
      if (c.status() == ThresholdCheck.Status.FAIL) {
        failed.add(c.name() + " (" + c.actual() + ")");
      }
    }
    for (EventCase e : events) {
      out.printf(Locale.ROOT, "  %-10s %-22s %s%n", e.passed() ? "PASS" : "FAIL", e.name(), e.detail());
      if (!e.passed()) {
        failed.add(e.name() + " (" + e.detail() + ")");
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (json != null) JsonReport.write(report, json);
    if (html != null) HtmlReport.write(report, html);
    if (junit != null) JUnitReport.write("jcl verify " + script.getFileName().toString().replaceAll("\\.groovy$", ""), report, checks, events, seconds, junit);
    int code;
    if (events.stream().anyMatch(e -> !e.passed())) {
      // An event that failed is the cluster's doing: what its processes said is the first thing to read.
      err.println("--- last output of the primary and its workers ---");
      err.println(cluster.tail());
      err.flush();
    }
    if (!failed.isEmpty()) {
      code = 3;
      out.println("jcl verify: FAILED: " + String.join("; ", failed));
    } else if (report.verdict() == Verdict.GENERATOR_SATURATED) {
      code = 4;
      out.println("jcl verify: NO VERDICT: the load generator could not offer the load ("
          + String.join("; ", report.saturated() ? report.saturationReasons() : report.violations())
          + "); lower verify.rate or give the machine more room");
    } else {
      code = 0;
      out.println("jcl verify: PASS: " + checks.size() + " threshold(s) and " + events.size() + " event(s) held");
    }
    out.printf(Locale.ROOT, "jcl verify: done in %.1f s; stopping the cluster%n", seconds);
    out.flush();
    return code;
  }

  /** The roll as a test case: it passes when every slot was replaced; its window's figures either way. */
  private static EventCase rollCase(Deployment.VerifyConfig v, Report r, String late) {
    String name = "roll at " + Durations.format(v.rollAt());
    if (r.restarts().isEmpty()) {
      return new EventCase(name, false, r.restartNote() != null ? r.restartNote() : "the roll was not triggered");
    }
    RestartWindow w = r.restarts().get(0);
    String figures = String.format(Locale.ROOT, "%s; window %.0f-%s ms: %d requests, %d failed %s, p99 %.3f ms "
            + "(outside %.3f ms), first success %.0f ms after it", w.status(), w.startMs(),
        w.endMs() < 0 ? "end" : String.format(Locale.ROOT, "%.0f", w.endMs()), w.requests(), w.failed(), w.outcomes(),
        w.p99Ms(), w.outsideP99Ms(), w.recoveryMs());
    if (w.endMs() < 0) {
      figures += "; the roll had not finished when the load ended (lengthen verify.duration or roll earlier)"
          + (late == null ? "" : "; its outcome after the load: " + late);
    }
    return new EventCase(name, "done".equals(w.status()), figures);
  }
}
