package io.jcl.loadgen;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * One HTTP/1.1 connection carrying one request at a time (no pipelining, as browsers and wrk do it).
 * Its handlers are created once per connection, not per request.
 */
final class RawHttpConnection implements ResponseParser.Listener {
  private final RawHttpPool pool;
  private final NetSocket socket;
  private final Buffer request;
  private final ResponseParser parser;
  private RequestSlot current;
  private boolean closed;

  RawHttpConnection(RawHttpPool pool, NetSocket socket, Buffer request, String workerHeader, boolean head) {
    this.pool = pool;
    this.socket = socket;
    this.request = request;
    this.parser = new ResponseParser(this, workerHeader, head);
    Handler<Buffer> onData = this::onData;
    socket.handler(onData);
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(t -> close()); // reported through the close that follows
  }

  void send(RequestSlot slot) {
    current = slot;
    slot.connection = this;
    slot.state = RequestSlot.SENT;
    slot.sent = System.nanoTime();
    pool.shard.countSent(slot);
    socket.write(request);
  }

  void close() {
    if (!closed) {
      socket.close();
    }
  }

  private void onData(Buffer data) {
    try {
      parser.feed(data);
    } catch (ResponseParser.ProtocolException e) {
      close(); // a response we cannot read is a broken one: RESET when the close arrives
    }
  }

  @Override
  public void onResponse(int status, String worker, boolean serverCloses) {
    RequestSlot slot = current;
    if (slot == null) {
      close(); // a response nobody asked for: the connection cannot be trusted any more
      return;
    }
    current = null;
    slot.connection = null;
    slot.status = status;
    slot.worker = worker;
    if (!slot.recorded) {
      pool.shard.record(slot, Outcome.ofStatus(status));
    }
    boolean reusable = !serverCloses && !pool.newConnectionPerRequest && !closed;
    if (!reusable) {
      close();
    }
    pool.finished(this, slot, reusable);
  }

  private void onClose() {
    closed = true;
    parser.endOfInput(); // completes a response delimited by the close, through onResponse
    RequestSlot slot = current;
    current = null;
    if (slot != null) {
      slot.connection = null;
      if (!slot.recorded) {
        pool.shard.record(slot, Outcome.RESET);
      }
    }
    pool.closed(this, slot);
  }

  boolean isClosed() {
    return closed;
  }
}
