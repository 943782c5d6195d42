package io.jcl.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.unix.FileDescriptor;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.transport.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * The worker's Vert.x transport: epoll (NIO where there is none), plus what the scheduling needs from every TCP server the
 * application opens (inline routes or a verticle's own {@code createHttpServer().listen(port)}), set once
 * the plan is read and before anything binds.
 * <ul>
 *   <li>{@code os}: servers bind with SO_REUSEPORT, so N worker JVMs share the port and the kernel spreads
 *   connections.</li>
 *   <li>{@code round-robin}/{@code sticky}: a bind to the cluster port becomes a bind to 127.0.0.1:0
 *   that nobody connects to, and the server channel is remembered; each socket the primary passes
 *   ({@link #adopt}) enters that server as if it had accepted it, so user code serves it unchanged.</li>
 * </ul>
 */
public final class WorkerTransport implements io.vertx.core.spi.transport.Transport {

  /** Epoll where it exists (socket passing needs it); NIO elsewhere, where the primary proxies instead. */
  private static final Transport BASE = Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
  private final io.vertx.core.spi.transport.Transport base = BASE.implementation();
  private final List<Channel> adoptingServers = new CopyOnWriteArrayList<>();
  /** {@code os}: the listeners this JVM bound on the shared port, closed first when it drains. */
  private final List<Channel> sharedListeners = new CopyOnWriteArrayList<>();
  private volatile boolean reusePort;
  private volatile int handoffPort = -1;
  private volatile boolean proxied;
  private int next;

  /** The public Transport handle {@code Vertx.builder().withTransport(...)} takes. */
  public Transport handle() {
    WorkerTransport impl = this;
    return new Transport() {
      @Override
      public String name() {
        return BASE.name() + "+jcl";
      }

      @Override
      public boolean available() {
        return BASE.available();
      }

      @Override
      public Throwable unavailabilityCause() {
        return BASE.unavailabilityCause();
      }

      @Override
      public io.vertx.core.spi.transport.Transport implementation() {
        return impl;
      }
    };
  }

  /** Scheduling {@code os}. */
  public void reusePort() {
    this.reusePort = true;
  }

  /**
   * Scheduling {@code round-robin} or {@code sticky}: servers on {@code clusterPort} adopt passed sockets,
   * or, with {@code proxied}, serve the primary's byte proxy on their private port, where each
   * connection starts with a PROXY protocol line naming the real client ({@link ProxiedClients}).
   */
  public void handoff(int clusterPort, boolean proxied) {
    this.handoffPort = clusterPort;
    this.proxied = proxied;
  }

  /** True once the application has a server on the cluster port to adopt sockets into. */
  public boolean adopting() {
    return !adoptingServers.isEmpty();
  }

  /** The private port of the first adopting server, or -1 (the AppCDS training run calls the app there). */
  public int privatePort() {
    Integer port = adoptingServers.isEmpty() ? null : adoptingServers.get(0).attr(ClusterPortBind.PRIVATE_PORT).get();
    return port == null ? -1 : port;
  }

  /**
   * Where the fd link should live: an event loop of the first server that adopts sockets, so a passed
   * socket is registered there without a hop ({@link Adoption}); the server's acceptor loop otherwise.
   * Each call may name another of the server's loops: the link's own is {@link FdLink#loop}.
   */
  public io.netty.channel.EventLoop adoptionLoop() {
    Channel server = adoptingServers.get(0);
    Adoption adoption = Adoption.of(server);
    return adoption != null ? adoption.loop() : server.eventLoop();
  }

  /**
   * Serves a socket the primary accepted, as the server on the cluster port would serve one it accepted
   * itself: same handler, options and event loops (Vert.x's HttpServer, Router, verticles). Called on
   * the fd link's thread.
   */
  public void adopt(FileDescriptor fd) {
    List<Channel> servers = adoptingServers;
    if (servers.isEmpty()) {
      closeQuietly(fd); // nothing serves the cluster port (any more)
      return;
    }
    Channel server = servers.get(Math.floorMod(next++, servers.size()));
    EpollSocketChannel child = new EpollSocketChannel(fd.intValue());
    Adoption adoption = Adoption.of(server);
    if (adoption != null) {
      adoption.register(child);
    } else if (server.eventLoop().inEventLoop()) {
      server.pipeline().fireChannelRead(child); // through the server's own acceptor
    } else {
      server.eventLoop().execute(() -> server.pipeline().fireChannelRead(child));
    }
  }

  private static void closeQuietly(FileDescriptor fd) {
    try {
      fd.close();
    } catch (IOException ignored) {
      // the peer sees a reset either way
    }
  }

  /**
   * {@code os}: closes this JVM's listeners on the shared port, so the kernel sends new connections to the
   * other workers of the SO_REUSEPORT group; connections already accepted stay open and are served (a
   * Netty child channel outlives its parent). Connections still in the closed listener's accept queue
   * are reset, unless {@code net.ipv4.tcp_migrate_req} is 1 (Linux 5.14+): then the kernel moves them to
   * another listener of the group. Does nothing under round-robin or sticky, where the primary stops
   * handing this worker sockets instead.
   */
  public void stopAccepting() {
    sharedListeners.forEach(Channel::close);
  }

  @Override
  public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
    int port = handoffPort;
    if (!domainSocket && reusePort) {
      ChannelFactory<? extends ServerChannel> shared = base.serverChannelFactory(false);
      return () -> {
        ServerChannel server = shared.newChannel();
        sharedListeners.add(server);
        return server;
      };
    }
    if (domainSocket || port < 0) {
      return base.serverChannelFactory(domainSocket);
    }
    return () -> {
      ServerChannel server = BASE == Transport.EPOLL ? new EpollServerSocketChannel() : new NioServerSocketChannel();
      server.pipeline().addFirst(new ClusterPortBind(port, adoptingServers, proxied));
      return server;
    };
  }

  @Override
  public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
    base.configure(options, domainSocket, bootstrap);
    if (!domainSocket && handoffPort >= 0) {
      bootstrap.attr(Adoption.BOOTSTRAP, bootstrap.config());  // how passed sockets are served (Adoption)
    }
    if (!domainSocket && reusePort) {
      if (BASE == Transport.EPOLL) {
        bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
      } else {
        // Vert.x ignores setReusePort on NIO (DESIGN.md); the JDK option works where the OS has it.
        bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
      }
    }
  }

  // --- the rest is the base transport as is ---

  @Override
  public boolean supportsDomainSockets() {
    return base.supportsDomainSockets();
  }

  @Override
  public boolean supportFileRegion() {
    return base.supportFileRegion();
  }

  @Override
  public boolean isAvailable() {
    return base.isAvailable();
  }

  @Override
  public Throwable unavailabilityCause() {
    return base.unavailabilityCause();
  }

  @Override
  public SocketAddress convert(io.vertx.core.net.SocketAddress address) {
    return base.convert(address);
  }

  @Override
  public io.vertx.core.net.SocketAddress convert(SocketAddress address) {
    return base.convert(address);
  }

  @Override
  public IoHandlerFactory ioHandlerFactory() {
    return base.ioHandlerFactory();
  }

  @Override
  public EventLoopGroup eventLoopGroup(int type, int nThreads, ThreadFactory threadFactory, int ioRatio) {
    return base.eventLoopGroup(type, nThreads, threadFactory, ioRatio);
  }

  @Override
  public DatagramChannel datagramChannel() {
    return base.datagramChannel();
  }

  @Override
  public DatagramChannel datagramChannel(InternetProtocolFamily family) {
    return base.datagramChannel(family);
  }

  @Override
  public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
    return base.channelFactory(domainSocket);
  }

  @Override
  public void configure(DatagramChannel channel, DatagramSocketOptions options) {
    base.configure(channel, options);
  }

  @Override
  public void configure(ClientOptionsBase options, int connectTimeout, boolean domainSocket, Bootstrap bootstrap) {
    base.configure(options, connectTimeout, domainSocket, bootstrap);
  }
}
