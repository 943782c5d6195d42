package io.jcl.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster's public port under round-robin/sticky scheduling. The primary accepts; each accepted
 * socket is written to the chosen worker's fd link and closed here once written, so the primary leaves
 * the data path. The port stays open whatever the workers do: with no worker able to take a connection
 * it is held for {@code holdTimeout}, then closed and counted, never dropped silently.
 */
public final class PublicListener {

  private static final HandoffTarget[] NONE = new HandoffTarget[0];
  /** How often held connections look for a worker. */
  private static final long HOLD_RETRY_MS = 5;

  private final EventLoopGroup group;
  private final ConnectionScheduler scheduler;
  private final long holdNanos;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private final AtomicLong handedOff = new AtomicLong();
  private final AtomicLong heldTotal = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile HandoffTarget[] targets = NONE;
  private Channel server;
  private boolean retryScheduled;

  public PublicListener(EventLoopGroup group, ConnectionScheduler scheduler, long holdNanos) {
    this.group = group;
    this.scheduler = scheduler;
    this.holdNanos = holdNanos;
  }

  public Future<Void> listen(String host, int port) {
    Promise<Void> bound = Promise.promise();
    new ServerBootstrap()
        .group(group)
        .channel(EpollServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .option(ChannelOption.SO_REUSEADDR, true)
        .handler(new Handoff())
        .childHandler(new ChannelInboundHandlerAdapter()) // never reached: children are handed off before
        .bind(new InetSocketAddress(host, port))
        .addListener((ChannelFutureListener) f -> {
          if (f.isSuccess()) {
            server = f.channel();
            bound.complete();
          } else {
            bound.fail("cannot listen on " + host + ":" + port + ": " + f.cause().getMessage());
          }
        });
    return bound.future();
  }

  /** The workers that may take connections now; called by the supervisor on every change. */
  public void publish(HandoffTarget[] eligible) {
    targets = eligible;
    if (server != null) {
      server.eventLoop().execute(this::retryHeld);
    }
  }

  public void close() {
    if (server != null) {
      server.eventLoop().execute(() -> {
        held.forEach(h -> h.child.unsafe().closeForcibly());
        held.clear();
      });
      server.close();
    }
  }

  public JsonObject stats() {
    return new JsonObject().put("handedOff", handedOff.get()).put("held", heldTotal.get()).put("dropped", dropped.get());
  }

  /** Sits before Netty's acceptor on the listening channel: sees each accepted socket before it is registered. */
  private final class Handoff extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      EpollSocketChannel child = (EpollSocketChannel) msg;
      if (!dispatch(child)) {
        hold(child);
      }
    }
  }

  /** Hands the socket to a worker; false when none can take it now. On the acceptor thread. */
  private boolean dispatch(EpollSocketChannel child) {
    HandoffTarget t = scheduler.choose(child.remoteAddress(), targets);
    if (t == null) {
      return false;
    }
    t.unacked.incrementAndGet();
    t.link.writeAndFlush(new FileDescriptor(child.fd().intValue())).addListener(f -> {
      t.unacked.decrementAndGet();
      if (f.isSuccess()) {
        handedOff.incrementAndGet();
        child.unsafe().closeForcibly(); // the worker has its own copy of the descriptor now
      } else {
        // The link broke under us (the worker died): the socket is still ours, try another worker.
        server.eventLoop().execute(() -> {
          if (!dispatch(child)) {
            hold(child);
          }
        });
      }
    });
    return true;
  }

  private void hold(EpollSocketChannel child) {
    heldTotal.incrementAndGet();
    held.addLast(new Held(child, System.nanoTime() + holdNanos));
    scheduleRetry();
  }

  private void retryHeld() {
    retryScheduled = false;
    long now = System.nanoTime();
    for (int n = held.size(); n > 0; n--) {
      Held h = held.pollFirst();
      if (dispatch(h.child)) {
        continue;
      }
      if (now - h.deadline >= 0) {
        dropped.incrementAndGet();
        h.child.unsafe().closeForcibly();
      } else {
        held.addLast(h);
      }
    }
    scheduleRetry();
  }

  private void scheduleRetry() {
    if (!held.isEmpty() && !retryScheduled && server != null) {
      retryScheduled = true;
      server.eventLoop().schedule(this::retryHeld, HOLD_RETRY_MS, TimeUnit.MILLISECONDS);
    }
  }

  private record Held(EpollSocketChannel child, long deadline) {
  }
}
