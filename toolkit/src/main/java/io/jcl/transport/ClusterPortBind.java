package io.jcl.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * First handler of a worker's server channel under round-robin/sticky scheduling: a bind to the
 * cluster port (which the primary owns) becomes a bind to 127.0.0.1:0 that nobody connects to, and the
 * channel joins the servers that adopt passed sockets. Known wrinkle: {@code HttpServer.actualPort()}
 * then reports that private port.
 */
final class ClusterPortBind extends ChannelOutboundHandlerAdapter {

  private final int clusterPort;
  private final List<Channel> adopting;

  ClusterPortBind(int clusterPort, List<Channel> adopting) {
    this.clusterPort = clusterPort;
    this.adopting = adopting;
  }

  @Override
  public void bind(ChannelHandlerContext ctx, SocketAddress local, ChannelPromise promise) {
    if (local instanceof InetSocketAddress inet && inet.getPort() == clusterPort) {
      // Listed here, inside bind: Vert.x's listen future may complete before a bind listener runs.
      Channel server = ctx.channel();
      adopting.add(server);
      server.closeFuture().addListener(f -> adopting.remove(server));
      ctx.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), promise);
    } else {
      ctx.bind(local, promise);
    }
  }
}
