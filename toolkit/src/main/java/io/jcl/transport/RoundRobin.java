package io.jcl.transport;

import java.net.InetSocketAddress;

/** Node's default: each connection to the next worker that can take one. */
public final class RoundRobin implements ConnectionScheduler {

  private int next;

  @Override
  public HandoffTarget choose(InetSocketAddress client, HandoffTarget[] targets) {
    int n = targets.length;
    for (int i = 0; i < n; i++) {
      HandoffTarget t = targets[Math.floorMod(next + i, n)];
      if (t.canTake()) {
        next = Math.floorMod(next + i + 1, n);
        return t;
      }
    }
    return null;
  }
}
