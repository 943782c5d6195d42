package io.jcl.hosts;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which hosts' primaries are in the cluster now, as Hazelcast's membership says (a member is a host's
 * primary, named by the address it bound). Its listeners run on a Hazelcast thread.
 */
public final class HostMembers {

  /** Held so the level sticks: JUL keeps loggers weakly. Hazelcast's INFO lines would fill the log. */
  private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

  static void quietLogs() {
    HAZELCAST_LOG.setLevel(Level.WARNING);
  }

  private final HazelcastInstance hazelcast;

  HostMembers(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
  }

  /** The hosts in the cluster, this one included, oldest member first (the same order everywhere). */
  public List<String> hosts() {
    return hazelcast.getCluster().getMembers().stream().map(m -> m.getAddress().getHost()).toList();
  }

  /** Calls {@code joined} and {@code left} with a host's address as members come and go. */
  public void listen(Consumer<String> joined, Consumer<String> left) {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        joined.accept(host(e.getMember()));
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        left.accept(host(e.getMember()));
      }
    });
  }

  private static String host(Member m) {
    return m.getAddress().getHost();
  }
}
