package io.jcl.cli;

import io.jcl.primary.RuntimeDir;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jcl status [NAME] [--json] [--watch]}. The JSON is a stable contract for scripts:
 * {@code {"name", "primary": {"pid", ...}, "workers": [{"slot", "pid", "state", "restarts", "reqPerSec",
 * "health": {...}, ...}]}}. {@code --watch} redraws the table in place on a terminal (cursor home, each
 * line cleared to its end, the rest of the screen cleared: as {@code pm2 monit} and {@code top} do, so
 * nothing scrolls); to a pipe or file it prints one snapshot per interval (NDJSON with {@code --json}).
 * It ends when the cluster stops.
 */
@Command(name = "status", description = "Show a running cluster's primary and workers; --watch keeps it up to date.")
final class StatusCommand implements Callable<Integer> {

  private static final String HOME = "\033[H";
  private static final String CLEAR_LINE_END = "\033[K";
  private static final String CLEAR_SCREEN_END = "\033[J";
  private static final String HIDE_CURSOR = "\033[?25l";
  private static final String SHOW_CURSOR = "\033[?25h";
  /** Unanswered status calls in a row while the primary still runs, before --watch gives up. */
  private static final int MAX_FAILURES = 30;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
  String name;

  @Option(names = "--json", description = "machine-readable output")
  boolean json;

  @Option(names = {"-w", "--watch"}, description = "keep showing the status, redrawn in place on a terminal, until the cluster stops")
  boolean watch;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
      description = "with --watch: seconds between updates (default: ${DEFAULT-VALUE})")
  double interval;

  @Option(names = "--plain", description = "with --watch: print each snapshot below the last, even on a terminal")
  boolean plain;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RuntimeDir dir = RunningClusters.find(name);
    PrintWriter out = spec.commandLine().getOut();
    if (!watch) {
      print(snapshot(dir), out);
      return 0;
    }
    boolean inPlace = !json && !plain && System.console() != null;
    if (inPlace) {
      out.print(HIDE_CURSOR + HOME + CLEAR_SCREEN_END); // the first frame starts on a clear screen
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.out.print(SHOW_CURSOR);
        System.out.flush();
      }, "jcl-show-cursor"));
    }
    long pauseMs = Math.max(100, (long) (interval * 1000));
    boolean first = true;
    int failures = 0;
    while (true) {
      JsonObject status;
      try {
        status = snapshot(dir);
        failures = 0;
      } catch (IOException e) {
        // A stopping primary closes its admin API before it exits: wait for the exit, not for an answer.
        if (dir.livePrimary().isPresent() && ++failures < MAX_FAILURES) {
          Thread.sleep(pauseMs);
          continue;
        }
        if (dir.livePrimary().isPresent()) {
          throw e;
        }
        status = null;
      }
      if (status == null) {
        out.println((inPlace ? CLEAR_SCREEN_END : "") + "cluster " + dir.name() + " stopped");
        out.flush();
        return 0;
      }
      if (json) {
        out.println(status.encode());
      } else if (inPlace) {
        out.print(frame(status));
      } else {
        if (!first) {
          out.println();
        }
        out.println("--- " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
        StatusTable.lines(status, System.currentTimeMillis()).forEach(out::println);
      }
      out.flush();
      first = false;
      Thread.sleep(pauseMs);
    }
  }

  /** One screen: from the top left, every line cut to the terminal's width and cleared to its end. */
  private String frame(JsonObject status) {
    TerminalSize size = TerminalSize.read();
    List<String> lines = new java.util.ArrayList<>();
    lines.add("jcl status --watch  " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  every "
        + Duration.ofMillis((long) (interval * 1000)).toMillis() / 1000.0 + "s  (Ctrl-C to quit)");
    lines.add("");
    lines.addAll(StatusTable.lines(status, System.currentTimeMillis()));
    // The last row stays free: a newline written there would scroll the screen by one.
    int room = Math.max(1, size.rows() - 1);
    if (lines.size() > room) {
      int hidden = lines.size() - room + 1;
      lines = new java.util.ArrayList<>(lines.subList(0, room - 1));
      lines.add("... " + hidden + " more lines (make the terminal taller)");
    }
    StringBuilder s = new StringBuilder(HOME);
    for (String line : lines) {
      String cut = line.length() >= size.columns() ? line.substring(0, Math.max(0, size.columns() - 1)) : line;
      s.append(cut).append(CLEAR_LINE_END).append('\n');
    }
    return s.append(CLEAR_SCREEN_END).toString();
  }

  private void print(JsonObject status, PrintWriter out) {
    if (json) {
      out.println(status.encode());
    } else {
      StatusTable.lines(status, System.currentTimeMillis()).forEach(out::println);
    }
  }

  /** The status with each process's memory; throws when the primary does not answer. */
  private static JsonObject snapshot(RuntimeDir dir) throws IOException, InterruptedException {
    JsonObject status = RunningClusters.status(dir);
    ProcessMemory.addTo(status);
    return status;
  }
}
