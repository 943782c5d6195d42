package io.jcl.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The cluster's public port under round-robin/sticky scheduling, owned by the primary: it accepts, and
 * hands each connection to a worker the supervisor published, or holds it while none can take it.
 * {@link PublicListener} passes sockets; {@link ProxyListener} copies bytes where that cannot be done.
 */
public interface ClusterListener {

  Future<Void> listen(String host, int port);

  /** The workers that may take connections now; called by the supervisor on every change. */
  void publish(HandoffTarget[] eligible);

  void close();

  /** {@code handedOff}, {@code held}, {@code dropped}: every connection is counted in one of them. */
  JsonObject stats();
}
