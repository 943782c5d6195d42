package io.jcl.hosts;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.jcl.dsl.Deployment.HostsConfig;
import io.jcl.dsl.HostAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.impl.VertxBootstrapImpl;
import io.vertx.core.transport.Transport;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * The primary's Vert.x when {@code cluster.hosts} names several hosts: clustered over Hazelcast with a
 * fixed member list, bound to this host's own address. Only this class (and {@link HostMembers}) touch
 * Hazelcast, so a one-machine primary never loads it.
 */
public final class HostsCluster {

  private HostsCluster() {
  }

  /** Starts a clustered Vert.x and joins the other hosts' primaries. */
  public static Future<Joined> start(VertxOptions options, HostsConfig hosts, String address) {
    // Starting from ConfigUtil keeps the __vertx.* maps the clustered bus needs (a bare Config lacks them).
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(hosts.group());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(hosts.port()).setPortAutoIncrement(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    for (String m : hosts.members()) {
      join.getTcpIpConfig().addMember(HostAddress.parse(m, hosts.port()).toString());
    }
    long timeoutSeconds = Math.max(2, hosts.memberTimeout().toSeconds());
    config.setProperty("hazelcast.local.localAddress", address)
        // Otherwise Hazelcast listens on 0.0.0.0 and two hosts on one machine collide on the port.
        .setProperty("hazelcast.socket.bind.any", "false")
        // The member list is known: no 5 s pause before joining.
        .setProperty("hazelcast.wait.seconds.before.join", "0")
        .setProperty("hazelcast.heartbeat.interval.seconds", "1")
        .setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(timeoutSeconds))
        .setProperty("hazelcast.phone.home.enabled", "false")
        .setProperty("hazelcast.logging.type", "jdk");
    HostMembers.quietLogs();
    HazelcastClusterManager manager = new HazelcastClusterManager(config);
    options.setEventBusOptions(new EventBusOptions().setHost(address).setPort(hosts.busPort()));
    RequestsInFlight requests = new RequestsInFlight();
    manager.nodeListener(requests); // free: Vert.x takes it only for HA, which jcl leaves off
    // What Vertx.builder().buildClustered() does, plus the node selector: the public builder takes none.
    VertxBootstrapImpl bootstrap = new VertxBootstrapImpl(options);
    Transport transport = options.getPreferNativeTransport() ? Transport.nativeTransport() : null;
    bootstrap.transport((transport == null ? Transport.NIO : transport).implementation());
    bootstrap.clusterManager(manager);
    bootstrap.clusterNodeSelector(requests);
    return bootstrap.init().clusteredVertx()
        .map(vertx -> new Joined(vertx, new HostMembers(manager.getHazelcastInstance()), requests));
  }

  /** A clustered Vert.x, the view of its members, and its requests in flight to other hosts. */
  public record Joined(Vertx vertx, HostMembers members, RequestsInFlight requests) {
  }
}
