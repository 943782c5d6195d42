package io.jcl.transport;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.Socket;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

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

  private static final AttributeKey<AtomicInteger> UNACKED = AttributeKey.valueOf("jcl.unacked");

  final int slot;
  /** Null under proxy handoff. */
  final Channel link;
  /** The worker's private port under proxy handoff, else -1. */
  final int port;
  final AtomicInteger unacked;

  public HandoffTarget(int slot, Channel link) {
    this.slot = slot;
    this.link = link;
    this.port = -1;
    this.unacked = unacked(link);
  }

  private HandoffTarget(int slot, int port) {
    this.slot = slot;
    this.link = null;
    this.port = port;
    this.unacked = new AtomicInteger();
  }

  /** A worker reached on its private port, through the primary's byte proxy. */
  public static HandoffTarget proxied(int slot, int port) {
    return new HandoffTarget(slot, port);
  }

  public int slot() {
    return slot;
  }

  /**
   * Not asked: whether the link is writable. Descriptors bypass its outbound buffer ({@link #send}), so
   * Netty's writability says nothing; a full socket buffer shows as a failed send, and that connection
   * waits for the next worker like a held one.
   */
  boolean canTake() {
    return link == null || unacked.get() < BUDGET && link.isActive();
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
    unacked(link).addAndGet(-n);
  }

  /** Kept on the link, not the target: a standby's link outlives the target made when a slot takes it. */
  private static AtomicInteger unacked(Channel link) {
    AtomicInteger count = link.attr(UNACKED).get();
    if (count == null) {
      AtomicInteger fresh = new AtomicInteger();
      count = link.attr(UNACKED).setIfAbsent(fresh);
      count = count == null ? fresh : count;
    }
    return count;
  }
}
