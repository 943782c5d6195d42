package io.jcl.hosts;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code jcl reload} with several hosts: each host's own roll ({@code jcl.host.<address>.reload}), one
 * host at a time in membership order, stopping at the first host whose roll is not done. A host's roll
 * is bounded by {@code ROLL_TIMEOUT_MS}; a host that dies meanwhile fails its request when it leaves.
 */
public final class HostByHostRoll {

  static final long ROLL_TIMEOUT_MS = 30 * 60_000;

  private final EventBus bus;
  private final String self;
  private final HostMembers members;
  private final Function<Integer, Future<JsonObject>> local;

  /** @param local this host's roll (readiness, then the rolling restart), by {@code parallel} */
  public HostByHostRoll(EventBus bus, String self, HostMembers members, Function<Integer, Future<JsonObject>> local) {
    this.bus = bus;
    this.self = self;
    this.members = members;
    this.local = local;
    bus.<JsonObject>consumer(address(self), m -> local.apply(m.body().getInteger("parallel")).onComplete(ar -> m.reply(
        ar.succeeded() ? ar.result() : new JsonObject().put("result", "aborted").put("reason", String.valueOf(ar.cause())))));
  }

  static String address(String host) {
    return "jcl.host." + host + ".reload";
  }

  /** Rolls every host; the result is {@code done} only if every host's was. */
  public Future<JsonObject> run(Integer parallel, Consumer<JsonObject> progress) {
    List<String> order = members.hosts();
    progress.accept(new JsonObject().put("event", "hosts").put("order", order));
    return next(order, 0, parallel, progress);
  }

  private Future<JsonObject> next(List<String> order, int i, Integer parallel, Consumer<JsonObject> progress) {
    if (i == order.size()) {
      return Future.succeededFuture(new JsonObject().put("result", "done").put("hosts", order.size()));
    }
    String host = order.get(i);
    progress.accept(new JsonObject().put("event", "host.rolling").put("host", host));
    Future<JsonObject> roll = host.equals(self) ? local.apply(parallel)
        : bus.<JsonObject>request(address(host), new JsonObject().put("parallel", parallel),
            new DeliveryOptions().setSendTimeout(ROLL_TIMEOUT_MS)).map(m -> m.body());
    return roll.otherwise(e -> new JsonObject().put("result", "aborted").put("reason", String.valueOf(e.getMessage())))
        .compose(r -> {
          progress.accept(new JsonObject().put("event", "host.rolled").put("host", host).put("outcome", r));
          if (!"done".equals(r.getString("result"))) {
            return Future.succeededFuture(new JsonObject().put("result", "aborted").put("host", host)
                .put("reason", "host " + host + "'s roll ended " + r.getString("result") + "; later hosts were not rolled")
                .put("outcome", r));
          }
          return next(order, i + 1, parallel, progress);
        });
  }
}
