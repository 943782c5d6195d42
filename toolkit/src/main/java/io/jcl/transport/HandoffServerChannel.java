package io.jcl.transport;

import io.netty.channel.Channel;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.epoll.AbstractEpollServerChannel;
import io.netty.channel.epoll.EpollChannelConfig;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.NativeInetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The primary's listening socket under round-robin/sticky: Netty's epoll accept loop, but an accepted
 * connection never becomes a Netty channel. The primary only passes its descriptor on, and building an
 * {@code EpollSocketChannel} for that cost four system calls (two getsockname, a setsockopt, a
 * getsockopt), a pipeline and a channel id per connection: about a fifth of the primary's CPU per
 * connection, measured with perf. Each accepted descriptor and its client address go to the
 * {@link Sink} instead, on this channel's event loop.
 *
 * <p>Netty's loop wants a channel back for every accept and fires it down the pipeline; this channel
 * returns itself, which the pipeline's handler ignores ({@link PublicListener}).
 */
final class HandoffServerChannel extends AbstractEpollServerChannel {

  /** Receives each accepted connection; it owns the descriptor from then on (passes or closes it). */
  interface Sink {
    void accepted(int fd, InetSocketAddress client);
  }

  /** Connections the kernel queues while the primary is busy: a burst of new clients is not refused. */
  static final int BACKLOG = 4096;

  private final EpollChannelConfig config = new EpollChannelConfig(this, new ServerChannelRecvByteBufAllocator()) { };
  private final Sink sink;
  private final boolean reusePort;

  /** @param reusePort share the port with other listeners (several acceptor loops) */
  HandoffServerChannel(Sink sink, boolean reusePort) {
    super(LinuxSocket.newSocketStream(), false);
    this.sink = sink;
    this.reusePort = reusePort;
  }

  @Override
  public EpollChannelConfig config() {
    return config;
  }

  @Override
  protected void doBind(SocketAddress local) throws Exception {
    socket.setReuseAddress(true);
    socket.setReusePort(reusePort);
    super.doBind(local);
    socket.listen(BACKLOG);
    active = true;
  }

  @Override
  protected Channel newChildChannel(int fd, byte[] address, int offset, int len) {
    sink.accepted(fd, NativeInetAddress.address(address, offset, len));
    return this;
  }
}
