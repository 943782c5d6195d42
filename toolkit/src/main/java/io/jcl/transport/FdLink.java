package io.jcl.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;

/**
 * The worker's fd link: a domain socket to the primary's fd hub that carries only accepted sockets
 * (SCM_RIGHTS), each handed to {@link WorkerTransport#adopt}. The primary knows the link by the
 * kernel's peer credentials. The only thing travelling back is the acknowledgement: one byte per
 * adopted socket, written once per read batch, which is what the primary's handoff budget counts
 * (see {@link HandoffTarget}).
 */
public final class FdLink {

  /**
   * Connects on the event loop of the server that adopts the sockets, so a received descriptor enters
   * that server without a hop between threads (the same path as a socket the server accepted itself).
   */
  public Future<Void> connect(Path socket, WorkerTransport transport) {
    Promise<Void> connected = Promise.promise();
    EventLoopGroup loop = transport.adoptionLoop();
    ChannelFuture f = new Bootstrap()
        .group(loop)
        .channel(EpollDomainSocketChannel.class)
        .option(EpollChannelOption.DOMAIN_SOCKET_READ_MODE, DomainSocketReadMode.FILE_DESCRIPTORS)
        .handler(new ChannelInboundHandlerAdapter() {
          private int adopted;

          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FileDescriptor fd) {
              transport.adopt(fd);
              adopted++;
            }
          }

          @Override
          public void channelReadComplete(ChannelHandlerContext ctx) {
            if (adopted > 0) {
              ctx.writeAndFlush(ctx.alloc().buffer(adopted).writeZero(adopted));
              adopted = 0;
            }
          }
        })
        .connect(new DomainSocketAddress(socket.toFile()));
    f.addListener(done -> {
      if (done.isSuccess()) {
        connected.complete();
      } else {
        connected.fail(done.cause());
      }
    });
    return connected.future();
  }
}
