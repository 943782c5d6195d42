package io.jcl.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Up to {@code max} connections from one source address, and the FIFO of requests waiting for one.
 *
 * <p>Under keep-alive the pool is opened in full before the first request ({@link #prime}) and idle
 * connections are reused least recently used first. The scheduler under test places connections, and
 * requests follow them: a pool that reused the warmest connection first (LIFO) let a handful of its 50
 * connections carry nearly every request at 5,000 req/s, so a worker's share of requests measured which
 * connection the pool picked, not the cluster (66/34 on a cluster that had placed 25/25).
 *
 * <p>Requests wait here, in O(1) queues owned by the shard's event loop, rather than in a client library's
 * pool: the queue grows exactly when the target stalls, which is when the generator must stay on time.
 * A connection leaves the count the moment it is closed, by either side: waiting for the close to
 * complete would hold a place that no request can use (with a new connection per request, every one).
 */
final class RawHttpPool {
  final LoadShard shard;
  final boolean newConnectionPerRequest;
  final byte[][] request;
  final String workerHeader;
  final boolean head;
  final WorkerIds workerIds;
  /** Where reads are copied to be parsed: one per event loop is enough, a read is parsed at once. */
  final byte[] scratch;
  private final Bootstrap bootstrap;
  private final InetSocketAddress target;
  private final int max;
  private final ArrayDeque<RawHttpConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<RequestSlot> waiting = new ArrayDeque<>(1024);
  private final Set<RawHttpConnection> counted = new HashSet<>(); // connected or connecting
  private int open; // counted.size(), read on every request
  /** Connections this pool opened (attempts, refused ones included). */
  long opened;
  /** The most connections ever open at once: tests check the pool never exceeds, nor leaks, its places. */
  int peakOpen;

  RawHttpPool(LoadShard shard, Bootstrap bootstrap, InetSocketAddress target, LoadSpec spec, byte[][] request,
              WorkerIds workerIds, byte[] scratch, int max) {
    this.shard = shard;
    this.bootstrap = bootstrap;
    this.target = target;
    this.request = request;
    this.workerHeader = spec.workerHeader();
    this.head = spec.requests().get(0).method() == io.vertx.core.http.HttpMethod.HEAD;
    this.newConnectionPerRequest = spec.newConnectionPerRequest();
    this.workerIds = workerIds;
    this.scratch = scratch;
    this.max = max;
  }

  /** The connection options every pool uses; {@code group} is the shard's own event loop. */
  static Bootstrap bootstrap(Bootstrap base, int connectTimeoutMs) {
    return base.option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
        .option(ChannelOption.AUTO_READ, true);
  }

  /**
   * Opens every connection of the pool, before the run's first request (keep-alive only). A connection
   * that cannot be opened now is opened again on demand, where its failure is a request's outcome.
   */
  void prime() {
    while (open < max) {
      open(null);
    }
  }

  void submit(RequestSlot slot) {
    if (waiting.isEmpty() && start(slot)) {
      return;
    }
    slot.state = RequestSlot.QUEUED;
    slot.tally.waited++;
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
      slot.state = RequestSlot.ACQUIRING;
      open(slot);
      return true;
    }
    return false;
  }

  /** Opens a connection for {@code slot}, or (null) one to stand idle. */
  private void open(RequestSlot slot) {
    open++;
    peakOpen = Math.max(peakOpen, open);
    opened++;
    RawHttpConnection connection = new RawHttpConnection(this);
    counted.add(connection);
    ChannelFuture f = bootstrap.clone().handler(connection).connect(target);
    connection.attach(f.channel());
    if (f.isDone()) {
      connected(f, connection, slot);
    } else {
      f.addListener(done -> connected(f, connection, slot));
    }
  }

  private void connected(ChannelFuture f, RawHttpConnection c, RequestSlot slot) {
    if (!f.isSuccess()) {
      forget(c);
      if (slot == null) {
        return; // priming: requests open it again when they need it
      }
      if (!slot.recorded) {
        shard.countSent(slot); // an attempt the target refused: sent, from the generator's side
        shard.record(slot, Outcome.CONNECT_ERROR);
      }
      shard.release(slot);
      drain();
      return;
    }
    c.connected();
    if (slot == null) { // primed
      idle.add(c);
      drain();
    } else if (slot.recorded) { // NOT_SENT while connecting: keep the connection for the next one
      idle.add(c);
      shard.release(slot);
      drain();
    } else {
      c.send(slot);
    }
  }

  /** The connection answered the slot's request. */
  void finished(RawHttpConnection c, RequestSlot slot, boolean reusable) {
    if (reusable) {
      idle.add(c); // least recently used next: requests spread evenly over the open connections
    }
    shard.release(slot);
    drain();
  }

  /** The connection is closing: its place is free for a new one. Once per connection. */
  void forget(RawHttpConnection c) {
    if (c.counted) {
      c.counted = false;
      open--;
      counted.remove(c);
      idle.remove(c);
    }
  }

  /** The connection is gone; {@code slot} is the request it was carrying, if any. */
  void closed(RawHttpConnection c, RequestSlot slot) {
    forget(c);
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

  int open() {
    return open;
  }

  /** Closes every connection, connecting ones included (at the end of the run). */
  void closeAll() {
    for (RawHttpConnection c : new ArrayList<>(counted)) {
      c.close();
    }
  }

  void clear() {
    waiting.clear();
  }
}
