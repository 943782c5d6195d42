package io.jcl.primary;

import io.jcl.dsl.PrimaryApp;
import io.jcl.dsl.PrimarySpec;
import io.jcl.ipc.Addresses;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Delivers cluster events to the primary block's {@code on('worker.exit') { }} handlers, publishes
 * each on the primary's event bus as {@code jcl.worker.exit} (...), where a {@code consumer} in the
 * primary or in a worker observes it as a message, and hands it to the primary's own observers (the
 * events log, the dashboard's feed). A handler that throws is reported with its script position and
 * never stops the primary. Every event is stamped with its {@code time} here, once for all of them.
 */
final class ClusterEvents {

  /** Events only this primary sees: each host's primary reports host.joined/host.left itself. */
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final PrimaryApp app;
  private final EventBus bus;
  private final List<Consumer<JsonObject>> observers = new ArrayList<>();
  /** Several hosts: this primary's address, carried by every event as {@code host}; null on one machine. */
  private final String host;

  ClusterEvents(PrimaryApp app, EventBus bus, String host) {
    this.app = app;
    this.bus = bus;
    this.host = host;
  }

  /** {@code observer} sees every event from now on (a copy of its own), on the primary's context. */
  void observe(Consumer<JsonObject> observer) {
    observers.add(observer);
  }

  /**
   * A step of a roll or a scale, as its progress reports it ({@code {"event": "starting", "slot": 0}}),
   * emitted as {@code event} with the step's own name under {@code step}.
   */
  void emitStep(String event, JsonObject progress) {
    JsonObject data = progress.copy();
    Object step = data.remove("event");
    if (step != null) {
      data.put("step", step);
    }
    emit(event, data);
  }

  void emit(String event, JsonObject data) {
    data.put("event", event);
    data.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    if (host != null && !data.containsKey("host")) {
      data.put("host", host);
    }
    if (event.startsWith("host.")) {
      bus.publish(Addresses.event(event), data.copy(), LOCAL);
    } else {
      bus.publish(Addresses.event(event), data.copy()); // reaches every host's primary and workers
    }
    for (Consumer<JsonObject> o : observers) {
      try {
        o.accept(data.copy());
      } catch (RuntimeException e) {
        System.err.println("jcl: an observer of '" + event + "' failed: " + e);
      }
    }
    handle(event, data);
  }

  /**
   * Several hosts: the other hosts' worker events reach this primary block's handlers too, as the
   * messages their primaries published; this host's own were handled when emitted.
   */
  void observeOtherHosts() {
    for (String event : PrimarySpec.EVENTS) {
      if (!event.startsWith("host.")) {
        bus.<Object>consumer(Addresses.event(event), m -> {
          if (m.body() instanceof JsonObject data && !host.equals(data.getString("host"))) {
            handle(event, data);
          }
        });
      }
    }
  }

  private void handle(String event, JsonObject data) {
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
