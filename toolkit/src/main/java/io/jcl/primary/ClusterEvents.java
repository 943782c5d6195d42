package io.jcl.primary;

import io.jcl.dsl.PrimaryApp;
import io.jcl.dsl.PrimarySpec;
import io.jcl.ipc.Addresses;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Delivers cluster events to the primary block's {@code on('worker.exit') { }} handlers, and publishes
 * each on the primary's event bus as {@code jcl.worker.exit} (...), where a {@code consumer} in the
 * primary or in a worker observes it as a message. A handler that throws is reported with its script
 * position and never stops the primary.
 */
final class ClusterEvents {

  private final PrimaryApp app;
  private final EventBus bus;

  ClusterEvents(PrimaryApp app, EventBus bus) {
    this.app = app;
    this.bus = bus;
  }

  void emit(String event, JsonObject data) {
    data.put("event", event);
    bus.publish(Addresses.event(event), data.copy());
    for (PrimarySpec.EventHandler h : app.handlers()) {
      if (h.event().equals(event)) {
        try {
          h.handler().call(data.copy());
        } catch (RuntimeException e) {
          System.err.println("jcl: " + h.position() + ": on('" + event + "') handler failed: " + e);
        }
      }
    }
  }
}
