package io.jcl.transport;

import io.netty.channel.Channel;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
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

  /**
   * Accepts per wake-up, until accept() finds the queue empty. Netty's server channels accept one
   * connection per epoll wake-up (level-triggered: the next wait returns at once), so every connection
   * cost an epoll_pwait2 as well; under load, new connections queue while one is passed on. Counted with
   * perf stat under wrk (new connection per request, 2 workers): epoll_pwait2 per connection 1.06 -> 0.47,
   * for 0.41 failed accept4 (the empty queue that ends a batch; it returns at once, where a wait may
   * put the thread to sleep).
   */
  static final int ACCEPT_BATCH = 16;

  private final EpollChannelConfig config = new EpollChannelConfig(this, new AcceptBatch()) { };
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

  /** Keeps accepting while connections are queued, up to {@link #ACCEPT_BATCH}; no byte counts involved. */
  private static final class AcceptBatch extends DefaultMaxMessagesRecvByteBufAllocator {
    AcceptBatch() {
      super(ACCEPT_BATCH);
      respectMaybeMoreData(false); // Netty's epoll guesses "no more" after every accept
    }

    @Override
    public Handle newHandle() {
      return new MaxMessageHandle() {
        @Override
        public int guess() {
          return 128; // unused: accepts read no bytes (ServerChannelRecvByteBufAllocator says the same)
        }
      };
    }
  }
}
