package io.jcl.transport;

import java.net.InetSocketAddress;

/** Picks the worker for an accepted connection, among the targets that can take one. Acceptor-thread only. */
public interface ConnectionScheduler {

  /**
   * Called by every acceptor loop at once, so implementations are thread-safe.
   *
   * @return the chosen target, or null when none can take the connection now
   */
  HandoffTarget choose(InetSocketAddress client, HandoffTarget[] targets);
}
