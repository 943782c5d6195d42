package io.jcl.ipc;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;

/**
 * The primary's side of the cluster bus: its own Vert.x event bus, on which every worker's registered
 * address is a consumer ({@link BusLink}). A primary consumer also answers {@code toPrimary} messages,
 * which no worker can register.
 */
public final class PrimaryBus implements ClusterBus {

  /** toPrimary/toWorker stay on this host ({@link Addresses#hostLocal}). */
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final EventBus bus;
  private final Requester requester;

  public PrimaryBus(Vertx vertx, Requester requester) {
    this.bus = vertx.eventBus();
    this.requester = requester;
    ScriptBodyCodecs.register(bus);
    RawJson.register(bus);
    CurrentBus.bus = this;
  }

  @Override
  public void send(String address, Object body) {
    bus.send(address, Bodies.check(body), where(address));
  }

  @Override
  public void publish(String address, Object body) {
    bus.publish(address, Bodies.check(body), where(address));
  }

  @Override
  public Future<Message<Object>> request(String address, Object body, Duration timeout) {
    return requester.request(bus, address, Bodies.check(body), where(address).setSendTimeout(timeout.toMillis())
        .addHeader(Addresses.TIMEOUT_HEADER, Long.toString(timeout.toMillis()))).map(RawJson::decoded);
  }

  private static DeliveryOptions where(String address) {
    return new DeliveryOptions().setLocalOnly(Addresses.hostLocal(address));
  }

  @Override
  public void toWorker(int slot, String address, Object body) {
    bus.send(Addresses.toSlot(slot, address), Bodies.check(body), LOCAL);
  }

  @Override
  public void toPrimary(String address, Object body) {
    bus.send(Addresses.toPrimary(address), Bodies.check(body), LOCAL);
  }

  @Override
  public MessageConsumer<Object> consumer(String address, Handler<Message<Object>> handler) {
    Handler<Message<Object>> decoding = m -> handler.handle(RawJson.decoded(m)); // a worker's body arrives as bytes
    bus.localConsumer(Addresses.toPrimary(address), decoding);
    return bus.consumer(address, decoding);
  }
}
