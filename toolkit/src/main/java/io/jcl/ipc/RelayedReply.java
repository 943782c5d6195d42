package io.jcl.ipc;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/** The reply to a worker's request, as the {@link Message} its future completes with. Not answerable. */
record RelayedReply(String address, MultiMap headers, Object body) implements Message<Object> {

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
