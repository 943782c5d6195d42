package io.jcl.hosts;

import io.jcl.ipc.Requester;
import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.eventbus.impl.clustered.DefaultNodeSelector;
import io.vertx.core.eventbus.impl.clustered.NodeSelector;
import io.vertx.core.spi.cluster.ClusteredNode;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.core.spi.cluster.RegistrationUpdateEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request that went to a consumer on another host fails when Hazelcast removes that host, not at its
 * timeout. Vert.x's clustered bus picks the node a request goes to in its {@link NodeSelector} and keeps
 * no record of it, so this selector is Vert.x's own ({@link DefaultNodeSelector}, same round-robin) that
 * also notes the node it chose for a request made through {@link #request}; the cluster manager's
 * {@link NodeListener} says when a node leaves, and the requests noted for it fail with NO_HANDLERS
 * (its consumer vanished). Requests made straight on the bus are not noted: they fail at their timeout.
 */
public final class RequestsInFlight implements NodeSelector, NodeListener, Requester {

  /**
   * The request being sent on this thread: {@code bus.request} calls {@link #selectForSend} before it
   * returns (no interceptor defers it), which is where the request meets the node chosen for it.
   */
  private static final ThreadLocal<InFlight> SENDING = new ThreadLocal<>();

  private final DefaultNodeSelector chooser = new DefaultNodeSelector();
  private final Map<String, Set<InFlight>> byNode = new ConcurrentHashMap<>();
  /** Node ids that have left; a request whose node is chosen just as it leaves fails at once. */
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  /** A node's host address, for the failure's message (its NodeInfo is gone once it left). */
  private final Map<String, String> hosts = new ConcurrentHashMap<>();
  private ClusteredNode cluster;

  /** One request: completed by its reply, its own failure or timeout, or its host leaving, whichever is first. */
  private static final class InFlight {
    final Promise<Message<Object>> result = Promise.promise();
    final Context context = Vertx.currentContext();
    final String address;
    volatile String node;

    InFlight(String address) {
      this.address = address;
    }

    void fail(ReplyException e) {
      if (context == null) {
        result.tryFail(e);
      } else {
        context.runOnContext(v -> result.tryFail(e)); // its callbacks run where the request was made
      }
    }
  }

  @Override
  public Future<Message<Object>> request(EventBus bus, String address, Object body, DeliveryOptions options) {
    InFlight r = new InFlight(address);
    SENDING.set(r);
    try {
      bus.request(address, body, options).onComplete(ar -> {
        forget(r);
        if (ar.succeeded()) {
          r.result.tryComplete(ar.result());
        } else {
          r.result.tryFail(ar.cause());
        }
      });
    } finally {
      SENDING.remove();
    }
    return r.result.future();
  }

  @Override
  public void selectForSend(String address, Completable<String> promise) {
    InFlight r = SENDING.get();
    if (r == null || !r.address.equals(address)) {
      chooser.selectForSend(address, promise);
      return;
    }
    SENDING.remove(); // one selection per request
    chooser.selectForSend(address, (node, failure) -> {
      if (failure == null && node != null && !node.equals(cluster.getNodeId())) {
        follow(node, r);
      }
      promise.complete(node, failure);
    });
  }

  private void follow(String node, InFlight r) {
    r.node = node;
    byNode.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(r);
    if (!hosts.containsKey(node)) {
      cluster.getNodeInfo(node, (NodeInfo info, Throwable failure) -> {
        if (info != null) {
          hosts.putIfAbsent(node, info.host());
        }
      });
    }
    if (gone.contains(node)) {
      failAll(node);
    }
  }

  private void forget(InFlight r) {
    Set<InFlight> s = r.node == null ? null : byNode.get(r.node);
    if (s != null) {
      s.remove(r);
    }
  }

  @Override
  public void nodeLeft(String node) {
    gone.add(node);
    failAll(node);
  }

  private void failAll(String node) {
    Set<InFlight> s = byNode.remove(node);
    if (s == null) {
      return;
    }
    String host = hosts.getOrDefault(node, "node " + node);
    for (InFlight r : s) {
      r.fail(new ReplyException(ReplyFailure.NO_HANDLERS,
          "host " + host + " left the cluster before its consumer of '" + r.address + "' replied"));
    }
  }

  @Override
  public void nodeAdded(String node) {
  }

  @Override
  public void init(ClusteredNode cluster) {
    this.cluster = cluster;
    chooser.init(cluster);
  }

  @Override
  public void eventBusStarted() {
    chooser.eventBusStarted();
  }

  @Override
  public void selectForPublish(String address, Completable<Iterable<String>> promise) {
    chooser.selectForPublish(address, promise);
  }

  @Override
  public void registrationsUpdated(RegistrationUpdateEvent event) {
    chooser.registrationsUpdated(event);
  }

  @Override
  public void registrationsLost() {
    chooser.registrationsLost();
  }

  @Override
  public boolean wantsUpdatesFor(String address) {
    return chooser.wantsUpdatesFor(address);
  }
}
