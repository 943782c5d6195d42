package io.jcl.view;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The cluster's events as JSON lines in the runtime dir ({@code events.jsonl}), what {@code jcl events}
 * prints and follows. Appends happen on an ordered blocking task, never on the primary's event loop (a
 * slow disk must not delay an accept). Bounded: past {@link #maxBytes} the file becomes
 * {@code events.jsonl.1} (the one before is dropped) and a new one starts, as logrotate's
 * {@code copytruncate}-free rotation does.
 */
public final class EventLog {

  /** Two files of this size at most: thousands of events, a few rolls' worth each. */
  public static final long DEFAULT_MAX_BYTES = 1 << 20;

  private final Vertx vertx;
  private final Path file;
  private final long maxBytes;
  /** Lines appended on the event loop, written by whichever ordered task runs next. */
  private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

  public EventLog(Vertx vertx, Path file, long maxBytes) {
    this.vertx = vertx;
    this.file = file;
    this.maxBytes = maxBytes;
  }

  /** Where the file rotates to. */
  public static Path rotated(Path file) {
    return file.resolveSibling(file.getFileName() + ".1");
  }

  /** Queues one event as a line; returns at once. Call from the primary's context. */
  public void append(JsonObject event) {
    pending.add(event.encode() + "\n");
    // Ordered: tasks run one after the other in submission order; each drains what is queued.
    vertx.executeBlocking(this::writePending, true).onFailure(e ->
        System.err.println("jcl: events log " + file + ": " + e.getMessage()));
  }

  /** Completes once everything appended so far is on disk. */
  public Future<Void> flush() {
    return vertx.executeBlocking(this::writePending, true).mapEmpty();
  }

  private Void writePending() throws IOException {
    StringBuilder batch = new StringBuilder();
    for (String line; (line = pending.poll()) != null; ) {
      batch.append(line);
    }
    if (batch.isEmpty()) {
      return null;
    }
    byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
    if (Files.exists(file) && Files.size(file) + bytes.length > maxBytes) {
      Files.move(file, rotated(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    return null;
  }
}
