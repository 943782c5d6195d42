package io.jcl.ipc;

import io.jcl.dsl.Ipc;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * The cluster's event bus for Java verticles: the same calls a script's worker and primary blocks have.
 * {@code ClusterBus.get().request("prices", new JsonObject().put("sku", 7), Duration.ofSeconds(2))}.
 */
public interface ClusterBus extends Ipc {

  /**
   * Handles messages sent to {@code address} anywhere in the cluster. The handler runs on the context
   * that called this, like {@code eventBus().consumer}.
   */
  MessageConsumer<Object> consumer(String address, Handler<Message<Object>> handler);

  /** This JVM's bus; fails outside a running worker or primary. */
  static ClusterBus get() {
    ClusterBus bus = CurrentBus.bus;
    if (bus == null) {
      throw new IllegalStateException("IPC is only connected while the cluster runs");
    }
    return bus;
  }
}
