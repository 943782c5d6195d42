package io.jcl.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The primary's end of the fd links ({@code <runtime-dir>/fd.sock}, in the private directory). A link
 * is known by the kernel's peer credentials: the supervisor matches the pid to a worker it spawned and
 * ignores any other.
 */
public final class FdHub {

  private final EventLoopGroup group;
  private final BiConsumer<Long, Channel> up;
  private final Consumer<Channel> down;
  private Channel server;

  /** @param up called with (peer pid, link); @param down called with the link; both on the hub's thread */
  public FdHub(EventLoopGroup group, BiConsumer<Long, Channel> up, Consumer<Channel> down) {
    this.group = group;
    this.up = up;
    this.down = down;
  }

  public Future<Void> listen(Path socket) {
    Promise<Void> bound = Promise.promise();
    new ServerBootstrap()
        .group(group)
        .channel(EpollServerDomainSocketChannel.class)
        .childHandler(new Links())
        .bind(new DomainSocketAddress(socket.toFile()))
        .addListener((io.netty.channel.ChannelFutureListener) f -> {
          if (f.isSuccess()) {
            server = f.channel();
            bound.complete();
          } else {
            bound.fail(f.cause());
          }
        });
    return bound.future();
  }

  public void close() {
    if (server != null) {
      server.close();
    }
  }

  /** One handler for every link: it keeps no state of its own. */
  @ChannelHandler.Sharable
  private final class Links extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      try {
        up.accept((long) ((EpollDomainSocketChannel) ctx.channel()).peerCredentials().pid(), ctx.channel());
      } catch (IOException e) {
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      down.accept(ctx.channel());
    }

    /** Acknowledgements: one byte per socket the worker adopted. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf acks = (ByteBuf) msg;
      HandoffTarget.acknowledged(ctx.channel(), acks.readableBytes());
      acks.release();
    }
  }
}
