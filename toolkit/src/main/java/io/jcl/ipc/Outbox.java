package io.jcl.ipc;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;

/**
 * Writes frames to one link and stops reading that link while its write queue is full: a client that
 * sends and never reads (a flood of pings, of requests) stalls itself, not the primary's memory.
 */
final class Outbox {

  private final NetSocket link;
  private boolean paused;

  Outbox(NetSocket link, long maxQueued) {
    this.link = link;
    link.setWriteQueueMaxSize((int) Math.min(maxQueued, Integer.MAX_VALUE));
    link.drainHandler(v -> {
      if (paused) {
        paused = false;
        link.resume();
      }
    });
  }

  /** The link has more queued than the limit: messages to it are refused until it catches up. */
  boolean full() {
    return link.writeQueueFull();
  }

  void write(JsonObject frame) {
    link.write(Frames.encode(frame));
    if (!paused && link.writeQueueFull()) {
      paused = true;
      link.pause();
    }
  }
}
