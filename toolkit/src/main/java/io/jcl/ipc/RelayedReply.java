package io.jcl.ipc;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * The reply to a worker's request, as the {@link Message} its future completes with. Not answerable. Its
 * headers are built when asked for: most replies carry none and nobody asks.
 */
final class RelayedReply implements Message<Object> {

  private final String address;
  private final JsonObject headerFields;
  private final Object body;
  private MultiMap headers;

  /** @param headerFields the frame's headers, or null */
  RelayedReply(String address, JsonObject headerFields, Object body) {
    this.address = address;
    this.headerFields = headerFields;
    this.body = body;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public MultiMap headers() {
    if (headers == null) {
      headers = WorkerBus.headers(headerFields);
    }
    return headers;
  }

  @Override
  public Object body() {
    return body;
  }

  @Override
  public String replyAddress() {
    return null;
  }

  @Override
  public boolean isSend() {
    return true;
  }

  @Override
  public void reply(Object message, DeliveryOptions options) {
    throw new IllegalStateException("a reply cannot be replied to over the cluster bus");
  }

  @Override
  public <R> Future<Message<R>> replyAndRequest(Object message, DeliveryOptions options) {
    return Future.failedFuture("a reply cannot be replied to over the cluster bus");
  }
}
