package io.jcl.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One HTTP/1.1 connection carrying one request at a time (no pipelining, as browsers and wrk do it): a
 * Netty handler on a channel of the shard's own event loop. Reads and writes go straight to the channel,
 * not through a Vert.x NetSocket, whose per-message queues, copies and promises cost more CPU per request
 * than the rest of the generator together (measured: see bench/loadgen).
 */
final class RawHttpConnection extends ChannelInboundHandlerAdapter implements ResponseParser.Listener {
  private final RawHttpPool pool;
  private final ResponseParser parser;
  private Channel channel;
  /** This connection's copy of each kind of request, rewound and written again for every request. */
  private ByteBuf[] request;
  private RequestSlot current;
  /** Still counted among the pool's open connections (until it is closed, by either side). */
  boolean counted = true;
  private boolean closed;
  // Where the scheduler placed this connection, as far as responses tell (see place()).
  private ShardTally placedIn;
  private WorkerStats placedOn;
  private int placedWindow = -1;

  RawHttpConnection(RawHttpPool pool) {
    this.pool = pool;
    this.parser = new ResponseParser(this, pool.workerHeader, pool.head, pool.workerIds);
  }

  void attach(Channel channel) {
    this.channel = channel;
  }

  /** The TCP connection is up: from now on the pool may hand it requests. */
  void connected() {
    request = new ByteBuf[pool.request.length];
    for (int k = 0; k < request.length; k++) {
      request[k] = channel.alloc().directBuffer(pool.request[k].length).writeBytes(pool.request[k]);
    }
  }

  void send(RequestSlot slot) {
    current = slot;
    slot.connection = this;
    slot.state = RequestSlot.SENT;
    slot.sent = System.nanoTime();
    pool.shard.countSent(slot);
    ByteBuf out = request[slot.kind];
    if (out.refCnt() == 1) {
      out.retain().readerIndex(0); // the channel releases it once written; we keep our reference
    } else {
      // The last write is still queued (the server answered before reading all of it): a copy this once.
      out = channel.alloc().directBuffer(pool.request[slot.kind].length).writeBytes(pool.request[slot.kind]);
    }
    channel.writeAndFlush(out, channel.voidPromise()); // a failed write closes the channel: RESET
  }

  void close() {
    if (!closed) {
      closed = true;
      pool.forget(this); // its place in the pool is free now, not once the close completes
      channel.close();
    }
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    try {
      byte[] scratch = pool.scratch;
      int n;
      while ((n = Math.min(in.readableBytes(), scratch.length)) > 0) {
        in.readBytes(scratch, 0, n); // one copy to a heap array: the parser then indexes plain bytes
        parser.feed(scratch, 0, n);
      }
    } catch (ResponseParser.ProtocolException e) {
      close(); // a response we cannot read is a broken one: RESET when the close arrives
    } finally {
      in.release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    close(); // reported through the close that follows
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    if (request != null) {
      for (ByteBuf r : request) {
        r.release();
      }
    }
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

  /**
   * Counts this connection for the worker that answered on it: once per phase (warmup, measured) and
   * once per fairness window it carried responses in. A connection whose responses come from another
   * worker than before (a balancer that places requests, not connections) is placed anew each time.
   */
  void place(ShardTally tally, WorkerStats worker, int window) {
    if (placedIn != tally || placedOn != worker) {
      placedIn = tally;
      placedOn = worker;
      placedWindow = -1;
      worker.connections++;
    }
    if (placedWindow != window) {
      placedWindow = window;
      worker.connectionsPerWindow[window]++;
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
    slot.status = status;
    slot.worker = worker;
    if (!slot.recorded) {
      pool.shard.record(slot, Outcome.ofStatus(status)); // reads slot.connection: where it was placed
    }
    slot.connection = null;
    boolean reusable = !serverCloses && !pool.newConnectionPerRequest && !closed;
    if (!reusable) {
      close();
    }
    pool.finished(this, slot, reusable);
  }
}
