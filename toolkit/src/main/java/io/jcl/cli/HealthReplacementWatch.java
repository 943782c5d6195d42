package io.jcl.cli;

import io.jcl.loadgen.RestartSink;
import io.jcl.loadgen.RestartWatch;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code jcl loadtest --cluster NAME}: follows the cluster's events log while the load runs and gives the
 * report a restart window for every worker the cluster replaced on its own: from the verdict
 * ({@code worker.unhealthy}, {@code worker.recycled}) until the slot serves from another worker
 * ({@code worker.listening}) and the old one is gone ({@code worker.exit}), labelled with the verdict's
 * reason. The log's times are the primary's wall clock, to the millisecond; the window is opened when the
 * line is read, up to {@link #POLL_MS} later, so a request that ends in that gap counts as outside (a
 * stalled worker's own requests end later, at their timeout or its kill, and count inside).
 */
final class HealthReplacementWatch implements RestartWatch {

  /** How often the log is read: a few hundred requests at most land in the gap at thousands per second. */
  static final long POLL_MS = 25;

  private final Path events;
  private final Map<Long, Replacement> open = new HashMap<>();
  private ScheduledExecutorService thread;
  private RestartSink sink;
  private long since;

  /** One replacement being watched, by the old worker's pid. */
  private static final class Replacement {
    final int window;
    final int slot;
    boolean successorListening;
    boolean oldGone;

    Replacement(int window, int slot) {
      this.window = window;
      this.slot = slot;
    }
  }

  HealthReplacementWatch(Path events) {
    this.events = events;
  }

  @Override
  public void start(RestartSink sink) {
    this.sink = sink;
    this.since = System.currentTimeMillis();
    EventTail tail = new EventTail(events);
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "jcl-loadtest-events");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(() -> {
      try {
        tail.poll(this::line);
      } catch (IOException | RuntimeException e) {
        System.err.println("jcl: loadtest: reading " + events + ": " + e.getMessage());
      }
    }, 0, POLL_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (thread != null) {
      thread.shutdownNow();
    }
  }

  private void line(String text) {
    JsonObject e;
    long at;
    try {
      e = new JsonObject(text);
      at = Instant.parse(e.getString("time", "")).toEpochMilli();
    } catch (DecodeException | DateTimeParseException | ClassCastException ignored) {
      return; // a line cut by a crash, or not an event
    }
    if (at < since) {
      return; // before this run: not its restart
    }
    event(e, at);
  }

  /** Opens, marks and closes windows from one event. */
  void event(JsonObject e, long at) {
    String name = e.getString("event", "");
    Long pid = e.getLong("pid");
    Integer slot = e.getInteger("slot");
    if (pid == null || slot == null) {
      return;
    }
    switch (name) {
      case "worker.unhealthy", "worker.recycled" -> {
        if (!open.containsKey(pid)) {
          String kind = name.substring("worker.".length());
          int window = sink.begin(at, "slot " + slot + " pid " + pid + " " + kind + ": " + e.getString("reason", "?")
              + owed(e));
          open.put(pid, new Replacement(window, slot));
        }
      }
      case "worker.listening" -> {
        for (Map.Entry<Long, Replacement> o : List.copyOf(open.entrySet())) {
          Replacement r = o.getValue();
          if (r.slot == slot && !o.getKey().equals(pid) && !r.successorListening) {
            r.successorListening = true;
            sink.mark(r.window, at, "successor LISTENING (pid " + pid + ")");
            closeIfDone(o.getKey(), r, at);
          }
        }
      }
      case "worker.exit" -> {
        Replacement r = open.get(pid);
        if (r != null && !r.oldGone) {
          r.oldGone = true;
          String how = e.getString("reason", "exited");
          int cut = how.indexOf(" (replaced: "); // the verdict again: the window's cause says it
          sink.mark(r.window, at, "old worker gone (" + (cut > 0 ? how.substring(0, cut) : how) + ")");
          closeIfDone(pid, r, at);
        }
      }
      default -> { }
    }
  }

  private void closeIfDone(long pid, Replacement r, long at) {
    if (r.successorListening && r.oldGone) {
      sink.end(r.window, at, "done");
      open.remove(pid);
    }
  }

  /** What the verdict said the worker could still fail, when the event carries it. */
  private static String owed(JsonObject e) {
    Long owed = e.getLong("owedConnections");
    Long inFlight = e.getLong("inFlightAtLastHeartbeat");
    Long connections = e.getLong("connectionsAtLastHeartbeat");
    if (owed == null && inFlight == null) {
      return "";
    }
    return " (it owed " + (owed == null ? "?" : owed) + " connection(s) passed to it; at its last heartbeat "
        + (connections == null ? "?" : connections) + " open, " + (inFlight == null ? "?" : inFlight) + " request(s) in flight)";
  }
}
