package io.jcl.transport;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.Socket;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A LISTENING worker the primary may hand connections to: its slot, and either its fd link (socket
 * passing) or its private port (proxy handoff). Over an fd link it also counts the handoffs the worker has
 * not acknowledged yet (the worker echoes one byte per socket it adopted). A worker that stops adopting
 * (stalled, in a long GC, dying) exhausts that budget and is skipped, so it strands at most
 * {@link #BUDGET} connections instead of everything its socket buffer would swallow.
 */
public final class HandoffTarget {

  /**
   * Unacknowledged handoffs per worker before the primary picks another. A healthy worker acknowledges
   * within one event-loop turn, so the budget binds only on a stuck one; {@code bench/handoff-budget}
   * measured it (new connection per request, 2 workers): see the README. The system property is for
   * that benchmark.
   */
  public static final int BUDGET = Integer.getInteger("jcl.handoff.budget", 64);

  /**
   * How long a worker may leave a passed socket unacknowledged before it gets no more, whatever its budget:
   * a healthy one acknowledges within {@code FdLink}'s 2 ms batch plus an event-loop turn, so a tenth of a
   * second means its event loop is stuck (a blocking handler, SIGSTOP, a long GC). Reversible: it takes
   * connections again as soon as its acknowledgements come. The supervisor reads the same clock to declare
   * the worker stalled ({@link #overdueNanos}).
   */
  public static final long SKIP_UNACKED_NANOS = 100_000_000L;

  private static final AttributeKey<Acks> ACKS = AttributeKey.valueOf("jcl.acks");

  final int slot;
  /** Null under proxy handoff. */
  final Channel link;
  /** The worker's private port under proxy handoff, else -1. */
  final int port;
  final AtomicInteger unacked;
  private final Acks acks;

  public HandoffTarget(int slot, Channel link) {
    this.slot = slot;
    this.link = link;
    this.port = -1;
    this.acks = acks(link);
    this.unacked = acks.unacked;
  }

  private HandoffTarget(int slot, int port) {
    this.slot = slot;
    this.link = null;
    this.port = port;
    this.acks = new Acks();
    this.unacked = acks.unacked;
  }

  /** A worker reached on its private port, through the primary's byte proxy. */
  public static HandoffTarget proxied(int slot, int port) {
    return new HandoffTarget(slot, port);
  }

  public int slot() {
    return slot;
  }

  /** Over an fd link (else through the proxy, where nothing is acknowledged or counted here). */
  public boolean passesFds() {
    return link != null;
  }

  /**
   * Not asked: whether the link is writable. Descriptors bypass its outbound buffer ({@link #send}), so
   * Netty's writability says nothing; a full socket buffer shows as a failed send, and that connection
   * waits for the next worker like a held one.
   */
  boolean canTake() {
    if (link == null) {
      return true;
    }
    int n = unacked.get();
    return n < BUDGET && link.isActive() && (n == 0 || System.nanoTime() - acks.waitingSince < SKIP_UNACKED_NANOS);
  }

  /** A socket is on its way to this worker: its acknowledgement is awaited from now if none was. */
  void handing() {
    if (unacked.get() == 0) {
      acks.waitingSince = System.nanoTime(); // before the count, so a reader never pairs 1 with an old time
    }
    unacked.incrementAndGet();
  }

  /** The socket reached the worker's link. */
  void handed() {
    acks.handedOff.increment();
  }

  /** Sockets passed to this worker since its link came up. */
  public long handedOff() {
    return acks.handedOff.sum();
  }

  /** Sockets passed and not acknowledged yet. */
  public int unacknowledged() {
    return unacked.get();
  }

  /**
   * How long the worker has owed an acknowledgement without giving any: 0 when it owes none. A stalled
   * worker shows here at once, long before its heartbeat is late.
   */
  public long overdueNanos(long nowNanos) {
    return link == null || unacked.get() == 0 ? 0 : Math.max(0, nowNanos - acks.waitingSince);
  }

  /**
   * Writes the descriptor {@code fd} to the worker's fd link (SCM_RIGHTS), straight through the link's
   * socket rather than its pipeline: no promise, no outbound buffer, no listener per connection. Only on
   * the link's event loop, where the link cannot close under us: elsewhere its descriptor number could be
   * closed and reused meanwhile, and the socket sent to a stranger.
   *
   * @return false when the link is gone or its socket buffer is full; the caller still owns {@code fd}
   */
  boolean send(int fd) {
    assert link.eventLoop().inEventLoop();
    if (!link.isOpen()) {
      return false;
    }
    try {
      return ((Socket) ((EpollDomainSocketChannel) link).fd()).sendFd(fd) > 0;
    } catch (IOException e) {
      return false; // the worker went away: its link closes on the next read
    }
  }

  /** The worker on {@code link} adopted {@code n} more sockets. */
  static void acknowledged(Channel link, int n) {
    Acks a = acks(link);
    if (a.unacked.addAndGet(-n) > 0) {
      a.waitingSince = System.nanoTime(); // it makes progress: the rest are awaited from now
    }
  }

  /** Kept on the link, not the target: a standby's link outlives the target made when a slot takes it. */
  private static Acks acks(Channel link) {
    Acks a = link.attr(ACKS).get();
    if (a == null) {
      Acks fresh = new Acks();
      a = link.attr(ACKS).setIfAbsent(fresh);
      a = a == null ? fresh : a;
    }
    return a;
  }

  /** The handoff accounting of one fd link. */
  private static final class Acks {
    final AtomicInteger unacked = new AtomicInteger();
    final LongAdder handedOff = new LongAdder();
    /** When the oldest acknowledgement still owed was due to start: the last handoff from 0, or the last ack. */
    volatile long waitingSince;
  }
}
