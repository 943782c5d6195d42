package io.jcl.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * First handler of a worker's server channel under round-robin/sticky scheduling: a bind to the
 * cluster port (which the primary owns) becomes a bind to 127.0.0.1:0 that nobody is told about, and the
 * channel joins the servers that adopt passed sockets.
 *
 * <p>Once that private bind succeeded, and before Vert.x hears of it, the channel's cached local address
 * is set to the address the application asked for, so {@code HttpServer.actualPort()} and the server's
 * metrics report the cluster port, as they would in a single process. Netty offers no setter (and
 * {@code EpollServerSocketChannel} is final), hence one reflective write; should a Netty upgrade rename
 * the field, the private port shows through and nothing else changes.
 */
final class ClusterPortBind extends ChannelOutboundHandlerAdapter {

  /** The port actually bound, once the channel reports the cluster port instead. */
  static final AttributeKey<Integer> PRIVATE_PORT = AttributeKey.valueOf("jcl.privatePort");

  private static final Class<?> OWNER = epollChannelClass();
  private static final VarHandle LOCAL = localAddressField();

  private final int clusterPort;
  private final List<Channel> adopting;
  private final boolean proxied;

  ClusterPortBind(int clusterPort, List<Channel> adopting, boolean proxied) {
    this.clusterPort = clusterPort;
    this.adopting = adopting;
    this.proxied = proxied;
  }

  @Override
  public void bind(ChannelHandlerContext ctx, SocketAddress local, ChannelPromise promise) {
    if (!(local instanceof InetSocketAddress requested) || requested.getPort() != clusterPort) {
      ctx.bind(local, promise);
      return;
    }
    // Listed here, inside bind: Vert.x's listen future may complete before a bind listener runs.
    Channel server = ctx.channel();
    if (proxied) {
      // Only the primary's proxy connects to the private port: every connection opens with a PROXY line.
      ctx.pipeline().addAfter(ctx.name(), null, new ProxiedClients());
    }
    adopting.add(server);
    server.closeFuture().addListener(f -> adopting.remove(server));
    ChannelPromise privateBind = ctx.newPromise();
    privateBind.addListener(f -> {
      if (f.isSuccess()) {
        // unsafe(): the channel's own localAddress() would cache the private address for good.
        server.attr(PRIVATE_PORT).set(((InetSocketAddress) server.unsafe().localAddress()).getPort());
        reportClusterAddress(server, requested);
        promise.setSuccess();
      } else {
        promise.setFailure(f.cause());
      }
    });
    ctx.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), privateBind);
  }

  private static void reportClusterAddress(Channel server, InetSocketAddress requested) {
    if (LOCAL != null && OWNER.isInstance(server)) {
      LOCAL.setVolatile(server, requested);
    }
  }

  /** Package-private in Netty: the class that holds the cached {@code local} address of epoll channels. */
  private static Class<?> epollChannelClass() {
    try {
      return Class.forName("io.netty.channel.epoll.AbstractEpollChannel");
    } catch (ClassNotFoundException e) {
      return Void.class;
    }
  }

  private static VarHandle localAddressField() {
    try {
      return MethodHandles.privateLookupIn(OWNER, MethodHandles.lookup()).findVarHandle(OWNER, "local", SocketAddress.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
