package io.jcl.transport;

import io.netty.util.NetUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The first line the primary's byte proxy sends a worker: version 1 of HAProxy's PROXY protocol
 * ({@code PROXY TCP4 <client> <server> <client port> <server port>\r\n}), which the worker decodes
 * ({@link ProxiedClients}), so the application's {@code remoteAddress()} is the real client under the
 * proxy handoff too, as HAProxy, nginx and cloud load balancers pass it on. Version 1 because it is one
 * line of text.
 */
final class ProxyHeader {

  private ProxyHeader() {
  }

  static Buffer v1(SocketAddress client, SocketAddress server) {
    InetAddress from = literal(client);
    InetAddress to = literal(server);
    if (from == null || to == null) {
      return Buffer.buffer("PROXY UNKNOWN\r\n"); // the worker then sees the primary, as without a header
    }
    boolean tcp4 = from instanceof Inet4Address && to instanceof Inet4Address;
    return Buffer.buffer("PROXY " + (tcp4 ? "TCP4 " : "TCP6 ") + text(from, tcp4) + " " + text(to, tcp4) + " "
        + client.port() + " " + server.port() + "\r\n");
  }

  /** The address as an IP literal, never a name lookup. */
  private static InetAddress literal(SocketAddress address) {
    String host = address == null ? null : address.hostAddress();
    return host == null ? null : NetUtil.createInetAddressFromIpAddressString(host);
  }

  /** Both ends of a line are of one family: an IPv4 end beside an IPv6 one is written IPv4-mapped. */
  private static String text(InetAddress address, boolean tcp4) {
    if (tcp4 || !(address instanceof Inet4Address)) {
      return NetUtil.toAddressString(address);
    }
    return "::ffff:" + address.getHostAddress();
  }
}
