package io.jcl.hosts;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code jcl status} over every host: each primary answers {@code jcl.host.<address>.status} with its own
 * status; the one asked gathers the others' beside its own. A host that does not answer in time is
 * listed with the reason, never waited for longer.
 */
public final class HostsStatus {

  static final long ASK_TIMEOUT_MS = 2_000;

  private final EventBus bus;
  private final String self;
  private final HostMembers members;

  public HostsStatus(EventBus bus, String self, HostMembers members, Supplier<JsonObject> local) {
    this.bus = bus;
    this.self = self;
    this.members = members;
    bus.consumer(address(self), m -> m.reply(local.get()));
  }

  static String address(String host) {
    return "jcl.host." + host + ".status";
  }

  /** {@code local} with {@code "hosts": [{"host", "status" | "error"}, ...]}, this host first. */
  public Future<JsonObject> gather(JsonObject local) {
    List<Future<JsonObject>> asked = new ArrayList<>();
    for (String host : members.hosts()) {
      if (host.equals(self)) {
        continue;
      }
      asked.add(bus.<JsonObject>request(address(host), new JsonObject(), new DeliveryOptions().setSendTimeout(ASK_TIMEOUT_MS))
          .map(m -> new JsonObject().put("host", host).put("status", m.body()))
          .otherwise(e -> new JsonObject().put("host", host).put("error", String.valueOf(e.getMessage()))));
    }
    return Future.join(asked).transform(ar -> {
      JsonArray hosts = new JsonArray().add(new JsonObject().put("host", self).put("status", local.copy()));
      asked.forEach(f -> hosts.add(f.result()));
      return Future.succeededFuture(local.put("hosts", hosts));
    });
  }
}
