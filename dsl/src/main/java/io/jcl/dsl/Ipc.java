package io.jcl.dsl;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.time.Duration;

/**
 * The cluster's event bus as scripts see it. The worker runtime and the primary plug in the real one;
 * during {@code jcl check} and {@code jcl plan} nothing is connected.
 */
public interface Ipc {

  void send(String address, Object body);

  void publish(String address, Object body);

  Future<Message<Object>> request(String address, Object body, Duration timeout);

  /** A message to one worker's consumer of {@code address}; only the primary can address a slot. */
  void toWorker(int slot, String address, Object body);

  /** A message to the primary's consumer of {@code address}, never to a worker's. */
  void toPrimary(String address, Object body);

  Ipc UNBOUND = new Ipc() {
    private IllegalStateException unbound() {
      return new IllegalStateException("IPC is only connected while the cluster runs");
    }

    @Override
    public void send(String address, Object body) {
      throw unbound();
    }

    @Override
    public void publish(String address, Object body) {
      throw unbound();
    }

    @Override
    public Future<Message<Object>> request(String address, Object body, Duration timeout) {
      return Future.failedFuture(unbound());
    }

    @Override
    public void toWorker(int slot, String address, Object body) {
      throw unbound();
    }

    @Override
    public void toPrimary(String address, Object body) {
      throw unbound();
    }
  };
}
