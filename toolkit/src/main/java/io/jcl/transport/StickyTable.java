package io.jcl.transport;

import java.net.InetSocketAddress;

/**
 * Sticky by client IP with rendezvous (highest-random-weight) hashing over slot numbers: a client goes
 * to the slot with the highest score for its address. A replacement worker inherits its slot and so
 * its clients; while a slot is down only its own clients move (to their second choice) and they come
 * back when it is LISTENING again. Unlike {@code hash % live}, a restart remaps nobody else.
 */
public final class StickyTable implements ConnectionScheduler {

  @Override
  public HandoffTarget choose(InetSocketAddress client, HandoffTarget[] targets) {
    long key = addressKey(client);
    HandoffTarget best = null;
    long bestScore = Long.MIN_VALUE;
    for (HandoffTarget t : targets) {
      long score = score(key, t.slot);
      if (t.canTake() && (best == null || score > bestScore)) {
        best = t;
        bestScore = score;
      }
    }
    return best;
  }

  private static long addressKey(InetSocketAddress client) {
    byte[] ip = client.getAddress() != null ? client.getAddress().getAddress() : client.getHostString().getBytes();
    long h = 0x9E3779B97F4A7C15L;
    for (byte b : ip) {
      h = mix(h ^ (b & 0xff));
    }
    return h;
  }

  static long score(long key, int slot) {
    return mix(key ^ (0xC2B2AE3D27D4EB4FL * (slot + 1)));
  }

  /** SplitMix64's finalizer: every input bit moves every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
