package io.jcl.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node's default: each connection to the next worker that can take one. One rotation shared by every
 * acceptor loop; a compare-and-set keeps it exact (a skipped worker does not push the next one twice).
 */
public final class RoundRobin implements ConnectionScheduler {

  private final AtomicInteger next = new AtomicInteger();

  @Override
  public HandoffTarget choose(InetSocketAddress client, HandoffTarget[] targets) {
    int n = targets.length;
    while (true) {
      int start = next.get();
      HandoffTarget chosen = null;
      int after = start;
      for (int i = 0; i < n; i++) {
        HandoffTarget t = targets[Math.floorMod(start + i, n)];
        if (t.canTake()) {
          chosen = t;
          after = Math.floorMod(start + i + 1, n);
          break;
        }
      }
      if (chosen == null || next.compareAndSet(start, after)) {
        return chosen;
      }
    }
  }
}
