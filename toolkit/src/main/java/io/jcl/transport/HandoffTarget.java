package io.jcl.transport;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A LISTENING worker the primary may hand connections to: its slot and fd link, and the handoffs
 * written but not yet flushed to it. A worker that stops reading (stalled, dying) fills that budget
 * and is skipped instead of swallowing connections.
 */
public final class HandoffTarget {

  /**
   * Handoffs in flight per worker before the primary picks another. A healthy worker takes an fd in
   * microseconds, so the budget only binds when one is stuck; 64 rides out a GC pause at tens of
   * thousands of connections per second without stranding more than that on a dead one.
   */
  static final int MAX_UNACKED = 64;

  final int slot;
  final Channel link;
  final AtomicInteger unacked = new AtomicInteger();

  public HandoffTarget(int slot, Channel link) {
    this.slot = slot;
    this.link = link;
  }

  public int slot() {
    return slot;
  }

  boolean canTake() {
    return link.isActive() && link.isWritable() && unacked.get() < MAX_UNACKED;
  }
}
