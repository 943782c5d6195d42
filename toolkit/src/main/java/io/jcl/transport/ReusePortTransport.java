package io.jcl.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.transport.Transport;
import java.net.SocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * Scheduling {@code os}: every TCP server a worker opens (inline routes or a user verticle's own
 * {@code createHttpServer().listen(port)}) binds with SO_REUSEPORT, so N worker JVMs share the port and
 * the kernel spreads connections. Everything else is Vert.x's epoll transport unchanged.
 */
public final class ReusePortTransport implements io.vertx.core.spi.transport.Transport {

  private final io.vertx.core.spi.transport.Transport epoll;

  private ReusePortTransport(io.vertx.core.spi.transport.Transport epoll) {
    this.epoll = epoll;
  }

  /** The public Transport handle {@code Vertx.builder().withTransport(...)} takes. */
  public static Transport create() {
    ReusePortTransport impl = new ReusePortTransport(Transport.EPOLL.implementation());
    return new Transport() {
      @Override
      public String name() {
        return "epoll+reuseport";
      }

      @Override
      public boolean available() {
        return Transport.EPOLL.available();
      }

      @Override
      public Throwable unavailabilityCause() {
        return Transport.EPOLL.unavailabilityCause();
      }

      @Override
      public io.vertx.core.spi.transport.Transport implementation() {
        return impl;
      }
    };
  }

  @Override
  public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
    epoll.configure(options, domainSocket, bootstrap);
    if (!domainSocket) {
      bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
    }
  }

  // --- the rest is the epoll transport as is ---

  @Override
  public boolean supportsDomainSockets() {
    return epoll.supportsDomainSockets();
  }

  @Override
  public boolean supportFileRegion() {
    return epoll.supportFileRegion();
  }

  @Override
  public boolean isAvailable() {
    return epoll.isAvailable();
  }

  @Override
  public Throwable unavailabilityCause() {
    return epoll.unavailabilityCause();
  }

  @Override
  public SocketAddress convert(io.vertx.core.net.SocketAddress address) {
    return epoll.convert(address);
  }

  @Override
  public io.vertx.core.net.SocketAddress convert(SocketAddress address) {
    return epoll.convert(address);
  }

  @Override
  public IoHandlerFactory ioHandlerFactory() {
    return epoll.ioHandlerFactory();
  }

  @Override
  public EventLoopGroup eventLoopGroup(int type, int nThreads, ThreadFactory threadFactory, int ioRatio) {
    return epoll.eventLoopGroup(type, nThreads, threadFactory, ioRatio);
  }

  @Override
  public DatagramChannel datagramChannel() {
    return epoll.datagramChannel();
  }

  @Override
  public DatagramChannel datagramChannel(InternetProtocolFamily family) {
    return epoll.datagramChannel(family);
  }

  @Override
  public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
    return epoll.channelFactory(domainSocket);
  }

  @Override
  public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
    return epoll.serverChannelFactory(domainSocket);
  }

  @Override
  public void configure(DatagramChannel channel, DatagramSocketOptions options) {
    epoll.configure(channel, options);
  }

  @Override
  public void configure(ClientOptionsBase options, int connectTimeout, boolean domainSocket, Bootstrap bootstrap) {
    epoll.configure(options, connectTimeout, domainSocket, bootstrap);
  }
}
