package io.jcl.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
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

  boolean canTake() {
    return link == null || unacked.get() < BUDGET && link.isActive() && link.isWritable();
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
