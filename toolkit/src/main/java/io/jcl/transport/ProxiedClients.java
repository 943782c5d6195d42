package io.jcl.transport;

import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A worker's server under the proxy handoff: each connection the primary opens to it starts with the
 * PROXY protocol line {@link ProxyHeader} wrote. Placed before the server's acceptor, this puts Netty's
 * PROXY decoder first in every accepted channel; once the line is read, the channel itself reports the
 * client and the cluster address the line names, so every {@code remoteAddress()} and
 * {@code localAddress()} above it (Vert.x's connection, the application) sees the client, not the
 * primary.
 *
 * <p>Not Vert.x's own {@code setUseProxyProtocol}: it passes the addresses through a channel attribute
 * that the first connection object to ask takes away, and with metrics on (jcl's {@code ServedTraffic})
 * Vert.x 5.0.7's HttpServer asks through a NetSocket it then replaces, so the request saw the primary.
 * Netty has no setter for a channel's addresses; they are written into its cache, which is what
 * {@code Channel.remoteAddress()} returns once set. Should a Netty upgrade rename the fields, the
 * primary's address shows through, as without this class.
 */
@ChannelHandler.Sharable
final class ProxiedClients extends ChannelInboundHandlerAdapter {

  private static final VarHandle REMOTE = field("remoteAddress");
  private static final VarHandle LOCAL = field("localAddress");

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Channel child = (Channel) msg;
    child.pipeline().addFirst(new HAProxyMessageDecoder(), new Addresses());
    ctx.fireChannelRead(child);
  }

  /** Takes the decoded line, gives the channel its addresses, and leaves the pipeline. */
  private static final class Addresses extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof HAProxyMessage line)) {
        ctx.fireChannelRead(msg);
        return;
      }
      try {
        boolean tcp = line.proxiedProtocol() == HAProxyProxiedProtocol.TCP4
            || line.proxiedProtocol() == HAProxyProxiedProtocol.TCP6;
        if (line.command() == HAProxyCommand.PROXY && tcp && REMOTE != null && LOCAL != null) {
          REMOTE.setVolatile(ctx.channel(), address(line.sourceAddress(), line.sourcePort()));
          LOCAL.setVolatile(ctx.channel(), address(line.destinationAddress(), line.destinationPort()));
        }
      } finally {
        line.release();
        ctx.pipeline().remove(this);
      }
    }
  }

  private static SocketAddress address(String ip, int port) {
    InetAddress address = NetUtil.createInetAddressFromIpAddressString(ip); // a literal: never a lookup
    return new InetSocketAddress(address, port);
  }

  private static VarHandle field(String name) {
    try {
      return MethodHandles.privateLookupIn(AbstractChannel.class, MethodHandles.lookup())
          .findVarHandle(AbstractChannel.class, name, SocketAddress.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
