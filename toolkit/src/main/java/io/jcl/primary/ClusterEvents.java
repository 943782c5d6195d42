package io.jcl.primary;

import io.jcl.dsl.PrimaryApp;
import io.jcl.dsl.PrimarySpec;
import io.vertx.core.json.JsonObject;

/**
 * Delivers cluster events to the primary block's {@code on('worker.exit') { }} handlers. A handler
 * that throws is reported with its script position and never stops the primary.
 */
final class ClusterEvents {

  private final PrimaryApp app;

  ClusterEvents(PrimaryApp app) {
    this.app = app;
  }

  void emit(String event, JsonObject data) {
    data.put("event", event);
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
