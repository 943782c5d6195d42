package io.jcl.loadgen;

import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.util.ArrayDeque;

/**
 * Up to {@code max} connections from one source address, and the FIFO of requests waiting for one.
 * Requests wait here, in O(1) queues owned by the shard's event loop, rather than in a client library's
 * pool: the queue grows exactly when the target stalls, which is when the generator must stay on time.
 */
final class RawHttpPool {
  final LoadShard shard;
  final boolean newConnectionPerRequest;
  private final NetClient client;
  private final String host;
  private final int port;
  private final Buffer request;
  private final String workerHeader;
  private final boolean head;
  private final int max;
  private final ArrayDeque<RawHttpConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<RequestSlot> waiting = new ArrayDeque<>(1024);
  private int open; // connected or connecting

  RawHttpPool(LoadShard shard, NetClient client, LoadSpec spec, Buffer request, int max) {
    this.shard = shard;
    this.client = client;
    this.host = spec.host().startsWith("[") ? spec.host().substring(1, spec.host().length() - 1) : spec.host();
    this.port = spec.port();
    this.request = request;
    this.workerHeader = spec.workerHeader();
    this.head = spec.method() == io.vertx.core.http.HttpMethod.HEAD;
    this.newConnectionPerRequest = spec.newConnectionPerRequest();
    this.max = max;
  }

  void submit(RequestSlot slot) {
    if (waiting.isEmpty() && start(slot)) {
      return;
    }
    slot.state = RequestSlot.QUEUED;
    waiting.add(slot);
  }

  /** Sends on an idle connection or opens one; false when every connection is busy. */
  private boolean start(RequestSlot slot) {
    RawHttpConnection c = idle.poll();
    if (c != null) {
      c.send(slot);
      return true;
    }
    if (open < max) {
      open++;
      slot.state = RequestSlot.ACQUIRING;
      client.connect(port, host).onComplete(ar -> connected(ar, slot));
      return true;
    }
    return false;
  }

  private void connected(AsyncResult<NetSocket> ar, RequestSlot slot) {
    if (ar.failed()) {
      open--;
      if (!slot.recorded) {
        shard.countSent(slot); // an attempt the target refused: sent, from the generator's side
        shard.record(slot, Outcome.CONNECT_ERROR);
      }
      shard.release(slot);
      drain();
      return;
    }
    RawHttpConnection c = new RawHttpConnection(this, ar.result(), request, workerHeader, head);
    if (slot.recorded) { // NOT_SENT while connecting: keep the connection for the next one
      idle.push(c);
      shard.release(slot);
      drain();
    } else {
      c.send(slot);
    }
  }

  /** The connection answered the slot's request. */
  void finished(RawHttpConnection c, RequestSlot slot, boolean reusable) {
    if (reusable) {
      idle.push(c); // LIFO: the warmest connection next
    }
    shard.release(slot);
    drain();
  }

  /** The connection is gone; {@code slot} is the request it was carrying, if any. */
  void closed(RawHttpConnection c, RequestSlot slot) {
    open--;
    idle.remove(c);
    if (slot != null) {
      shard.release(slot);
    }
    drain();
  }

  /** Starts waiting requests while connections allow; drops those the sweep already gave up on. */
  void drain() {
    while (!waiting.isEmpty()) {
      RequestSlot next = waiting.peek();
      if (next.recorded) {
        waiting.poll();
        shard.free(next);
        continue;
      }
      if (!start(next)) {
        return;
      }
      waiting.poll();
    }
  }

  void clear() {
    waiting.clear();
  }
}
