package io.jcl.primary;

import io.jcl.dsl.Deployment.HostsConfig;
import io.jcl.hosts.HostByHostRoll;
import io.jcl.hosts.HostsCluster;
import io.jcl.hosts.HostsStatus;
import io.jcl.hosts.OwnAddress;
import io.jcl.ipc.Requester;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * This primary's part in a cluster of hosts ({@code cluster.hosts}): its clustered Vert.x, the
 * host.joined/host.left events, and the status of every host. Loaded only when hosts are declared.
 */
final class HostsRole {

  private final HostsCluster.Joined joined;
  private final String self;
  private HostsStatus status;
  private HostByHostRoll roll;

  private HostsRole(HostsCluster.Joined joined, String self) {
    this.joined = joined;
    this.self = self;
  }

  /** Joins the other hosts (blocking: before the primary's context exists); null after printing why not. */
  static HostsRole join(HostsConfig hosts, VertxOptions options) throws InterruptedException {
    Optional<String> self = OwnAddress.of(hosts);
    if (self.isEmpty()) {
      System.err.println("jcl: none of cluster.hosts (" + String.join(", ", hosts.members()) + ") is an address of this"
          + " machine: name this primary's with join { address '...' } or --set cluster.join.address=...");
      return null;
    }
    long started = System.nanoTime();
    try {
      HostsCluster.Joined joined = HostsCluster.start(options, hosts, self.get()).toCompletionStage().toCompletableFuture().get();
      System.out.printf("jcl: joined hosts group '%s' as %s in %d ms; members now: %s%n", hosts.group(), self.get(),
          (System.nanoTime() - started) / 1_000_000, String.join(", ", joined.members().hosts()));
      return new HostsRole(joined, self.get());
    } catch (ExecutionException e) {
      System.err.println("jcl: could not join the hosts as " + self.get() + ": " + e.getCause());
      return null;
    }
  }

  Vertx vertx() {
    return joined.vertx();
  }

  /** Requests that fail when the host they went to leaves. */
  Requester requester() {
    return joined.requests();
  }

  String self() {
    return self;
  }

  /** On the primary's context: answer status for the other hosts, and report hosts coming and going. */
  void start(Context context, ClusterEvents events, Supplier<JsonObject> localStatus,
             Function<Integer, Future<JsonObject>> localRoll) {
    status = new HostsStatus(vertx().eventBus(), self, joined.members(), localStatus);
    roll = new HostByHostRoll(vertx().eventBus(), self, joined.members(), localRoll);
    events.observeOtherHosts();
    joined.members().listen(
        host -> context.runOnContext(v -> events.emit("host.joined", new JsonObject().put("host", host).put("seenBy", self))),
        host -> context.runOnContext(v -> events.emit("host.left", new JsonObject().put("host", host).put("seenBy", self))));
  }

  /** {@code jcl reload}: every host in turn, this one in its place. */
  Future<JsonObject> roll(Integer parallel, Consumer<JsonObject> progress) {
    return roll.run(parallel, progress);
  }

  /** The local status with every other host's beside it. */
  Future<JsonObject> status(JsonObject local) {
    return status == null ? Future.succeededFuture(local) : status.gather(local);
  }
}
