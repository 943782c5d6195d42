package io.jcl.ipc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/**
 * How the primary's bus makes a request. On one machine it is {@code eventBus().request}; across hosts,
 * one that also fails when the host it went to leaves the cluster ({@code io.jcl.hosts.RequestsInFlight}),
 * instead of at its timeout.
 */
@FunctionalInterface
public interface Requester {

  Requester PLAIN = (bus, address, body, options) -> bus.request(address, body, options);

  Future<Message<Object>> request(EventBus bus, String address, Object body, DeliveryOptions options);
}
