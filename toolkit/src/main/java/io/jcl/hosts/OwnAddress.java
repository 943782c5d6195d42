package io.jcl.hosts;

import io.jcl.dsl.Deployment.HostsConfig;
import io.jcl.dsl.HostAddress;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;

/** The address this primary binds for the other hosts: the one the script names, else its own among the members. */
public final class OwnAddress {

  private OwnAddress() {
  }

  public static Optional<String> of(HostsConfig hosts) {
    if (hosts.address() != null) {
      return Optional.of(hosts.address());
    }
    return hosts.members().stream().map(m -> HostAddress.parse(m, hosts.port()).host())
        .filter(OwnAddress::isLocal).findFirst();
  }

  private static boolean isLocal(String host) {
    try {
      InetAddress a = InetAddress.getByName(host);
      return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }
}
