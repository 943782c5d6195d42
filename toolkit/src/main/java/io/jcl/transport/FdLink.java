package io.jcl.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The worker's fd link: a domain socket to the primary's fd hub that carries only accepted sockets
 * (SCM_RIGHTS), each handed to {@link WorkerTransport#adopt}. The primary knows the link by the
 * kernel's peer credentials. The only thing travelling back is the acknowledgement: one byte per
 * adopted socket, which is what the primary's handoff budget counts (see {@link HandoffTarget}).
 */
public final class FdLink {

  /**
   * Acknowledgements go out every {@code ACK_BATCH} sockets, or {@code ACK_DELAY_MICROS} after the first
   * one left unacknowledged: a write here and a read in the primary per connection cost about a tenth of
   * a connection's whole CPU on a small VM. The batch stays well below the primary's budget (64), so a
   * busy healthy worker is never skipped for want of an acknowledgement. The delay was 0.5 ms: a worker
   * taking 8,000 connections/s then still acknowledged every 4 (perf: the primary's reads per connection
   * 0.11 -> 0.07 at 2 ms); a stuck worker still strands at most the budget.
   */
  static final int ACK_BATCH = 16;
  static final long ACK_DELAY_MICROS = 2_000;

  private volatile Channel channel;

  /**
   * Connects on an event loop of the server that adopts the sockets ({@link Adoption}): a received
   * descriptor is served there without a hop between threads, and the acknowledgements come from the
   * thread that serves, so a worker whose event loop is stuck stops acknowledging and the primary's
   * budget holds.
   */
  public Future<Void> connect(Path socket, WorkerTransport transport) {
    Promise<Void> connected = Promise.promise();
    EventLoopGroup loop = transport.adoptionLoop();
    ChannelFuture f = new Bootstrap()
        .group(loop)
        .channel(EpollDomainSocketChannel.class)
        .option(EpollChannelOption.DOMAIN_SOCKET_READ_MODE, DomainSocketReadMode.FILE_DESCRIPTORS)
        .handler(new Adopter(transport))
        .connect(new DomainSocketAddress(socket.toFile()));
    f.addListener(done -> {
      if (done.isSuccess()) {
        channel = f.channel();
        connected.complete();
      } else {
        connected.fail(done.cause());
      }
    });
    return connected.future();
  }

  /**
   * The event loop the link reads and acknowledges on, once connected (null before): blocked, it stalls
   * every handoff to this worker, not only the connections it serves.
   */
  public EventLoop loop() {
    Channel c = channel;
    return c == null ? null : c.eventLoop();
  }

  /** Adopts each received socket and acknowledges them in batches. Runs on the link's own loop only. */
  private static final class Adopter extends ChannelInboundHandlerAdapter {
    private final WorkerTransport transport;
    private int unacknowledged;
    private boolean ackScheduled;

    Adopter(WorkerTransport transport) {
      this.transport = transport;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FileDescriptor fd) {
        transport.adopt(fd);
        unacknowledged++;
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (unacknowledged >= ACK_BATCH) {
        acknowledge(ctx);
      } else if (unacknowledged > 0 && !ackScheduled) {
        ackScheduled = true;
        ctx.executor().schedule(() -> {
          ackScheduled = false;
          acknowledge(ctx);
        }, ACK_DELAY_MICROS, TimeUnit.MICROSECONDS);
      }
    }

    private void acknowledge(ChannelHandlerContext ctx) {
      if (unacknowledged > 0) {
        ctx.writeAndFlush(ctx.alloc().buffer(unacknowledged).writeZero(unacknowledged));
        unacknowledged = 0;
      }
    }
  }
}
