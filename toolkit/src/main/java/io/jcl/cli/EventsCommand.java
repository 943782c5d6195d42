package io.jcl.cli;

import io.jcl.primary.RuntimeDir;
import io.jcl.view.EventLine;
import io.jcl.view.EventLog;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jcl events [NAME] [--follow] [--json]}: the cluster's events log (worker spawned, listening,
 * exit, respawn, unhealthy, errored; reload and scale steps), oldest first. {@code --follow} keeps
 * printing new events as {@code tail -f} does and ends when the cluster stops. A stopped cluster's log
 * is kept in {@code $JCL_HOME/logs/NAME.events.jsonl}, which {@code jcl events NAME} prints.
 */
@Command(name = "events", description = "Print a cluster's events (spawns, exits, respawns, unhealthy workers, "
    + "reload and scale steps); --follow keeps printing them until the cluster stops.")
final class EventsCommand implements Callable<Integer> {

  /** How often --follow looks for new lines: a person watching does not notice 200 ms. */
  private static final long FOLLOW_POLL_MS = 200;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
  String name;

  @Option(names = {"-f", "--follow"}, description = "keep printing new events until the cluster stops")
  boolean follow;

  @Option(names = "--json", description = "print the log's JSON lines as they are")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    RuntimeDir dir = name != null ? RuntimeDir.of(name) : null;
    if (dir == null || dir.livePrimary().isPresent()) {
      dir = RunningClusters.find(name);
    } else if (Files.exists(dir.keptEvents())) { // stopped: its kept log, nothing more to follow
      printAll(dir.keptEvents(), out);
      return 0;
    } else {
      throw new IllegalArgumentException("no cluster named '" + name + "' is running, and no events were kept for it");
    }
    Path file = dir.eventsFile();
    Path older = EventLog.rotated(file);
    if (Files.exists(older)) {
      printAll(older, out);
    }
    try (EventTail tail = new EventTail(file)) {
      tail.poll(line -> print(line, out));
      out.flush();
      while (follow && dir.livePrimary().isPresent()) {
        Thread.sleep(FOLLOW_POLL_MS);
        tail.poll(line -> print(line, out));
        out.flush();
      }
      tail.poll(line -> print(line, out)); // what the primary wrote on its way out
    }
    out.flush();
    return 0;
  }

  private void printAll(Path file, PrintWriter out) throws IOException {
    try (var lines = Files.lines(file)) {
      lines.forEach(line -> print(line, out));
    }
  }

  private void print(String line, PrintWriter out) {
    if (line.isBlank()) {
      return;
    }
    if (json) {
      out.println(line);
      return;
    }
    try {
      out.println(describe(new JsonObject(line)));
    } catch (DecodeException e) {
      out.println(line); // a line cut by a crash: shown as it is
    }
  }

  /** {@code 06:50:01.123  worker.listening   slot 0  pid 4242  gen 2  reason  key=value ...} */
  static String describe(JsonObject e) {
    String time = e.getString("time", "");
    int t = time.indexOf('T');
    StringBuilder s = new StringBuilder(t >= 0 && time.length() > t + 12 ? time.substring(t + 1, t + 13) : time);
    s.append("  ").append(String.format("%-18s", e.getString("event", "?")));
    if (e.getValue("slot") != null) {
      s.append(" slot ").append(e.getValue("slot"));
    }
    if (e.getValue("pid") != null) {
      s.append("  pid ").append(e.getValue("pid"));
    }
    if (e.getValue("generation") != null) {
      s.append("  gen ").append(e.getValue("generation"));
    }
    if (e.getValue("reason") != null) {
      s.append("  ").append(e.getValue("reason"));
    }
    List<String> rest = e.fieldNames().stream().filter(k -> !EventLine.LEADING.contains(k) && !QUIET.contains(k))
        .map(k -> k + "=" + e.getValue(k)).collect(Collectors.toList());
    if (!rest.isEmpty()) {
      s.append("  ").append(String.join(" ", rest));
    }
    return s.toString();
  }

  /** Fields a worker's description carries that say nothing about the event itself. */
  private static final List<String> QUIET = List.of("startedAt", "unhealthy", "startupMs", "state");
}
