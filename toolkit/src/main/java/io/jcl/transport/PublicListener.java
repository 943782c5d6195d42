package io.jcl.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster's public port under round-robin/sticky scheduling. The primary accepts; each accepted
 * socket is written to the chosen worker's fd link and closed here once written, so the primary leaves
 * the data path. The port stays open whatever the workers do: with no worker able to take a connection
 * it is held for {@code holdTimeout}, then closed and counted, never dropped silently.
 *
 * <p>One accepting loop tops out at some tens of thousands of connections per second (DESIGN.md), so
 * with {@code acceptors > 1} each loop has its own listener on the port (SO_REUSEPORT, the kernel
 * spreads connections over them) and all share one scheduler. With one, no SO_REUSEPORT: nobody else
 * can bind the port beside us.
 */
public final class PublicListener implements ClusterListener {

  private static final HandoffTarget[] NONE = new HandoffTarget[0];
  /** How often held connections look for a worker. */
  private static final long HOLD_RETRY_MS = 5;

  private final EventLoopGroup group;
  private final int acceptors;
  private final ConnectionScheduler scheduler;
  private final long holdNanos;
  private final List<Acceptor> listening = new ArrayList<>();
  private final AtomicLong handedOff = new AtomicLong();
  private final AtomicLong heldTotal = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile HandoffTarget[] targets = NONE;

  /** @param group at least {@code acceptors} loops; each listener registers on the next one */
  public PublicListener(EventLoopGroup group, int acceptors, ConnectionScheduler scheduler, long holdNanos) {
    this.group = group;
    this.acceptors = acceptors;
    this.scheduler = scheduler;
    this.holdNanos = holdNanos;
  }

  @Override
  public Future<Void> listen(String host, int port) {
    List<Future<Void>> binds = new ArrayList<>();
    for (int i = 0; i < acceptors; i++) {
      binds.add(bindOne(host, port));
    }
    return Future.all(binds).mapEmpty();
  }

  private Future<Void> bindOne(String host, int port) {
    Promise<Void> bound = Promise.promise();
    Acceptor acceptor = new Acceptor();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(EpollServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .option(ChannelOption.SO_REUSEADDR, true)
        .handler(acceptor)
        .childHandler(new ChannelInboundHandlerAdapter()); // never reached: children are handed off before
    if (acceptors > 1) {
      bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
    }
    bootstrap.bind(new InetSocketAddress(host, port)).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        synchronized (listening) {
          listening.add(acceptor);
        }
        bound.complete();
      } else {
        bound.fail("cannot listen on " + host + ":" + port + ": " + f.cause().getMessage());
      }
    });
    return bound.future();
  }

  @Override
  public void publish(HandoffTarget[] eligible) {
    targets = eligible;
    for (Acceptor a : acceptors()) {
      a.loop().execute(a::retryHeld);
    }
  }

  @Override
  public void close() {
    for (Acceptor a : acceptors()) {
      a.close();
    }
  }

  @Override
  public JsonObject stats() {
    return new JsonObject().put("handedOff", handedOff.get()).put("held", heldTotal.get()).put("dropped", dropped.get());
  }

  private List<Acceptor> acceptors() {
    synchronized (listening) {
      return List.copyOf(listening);
    }
  }

  /**
   * One listener's handler, before Netty's acceptor: it sees each accepted socket before it is
   * registered anywhere. Its held connections are touched only on its own loop.
   */
  private final class Acceptor extends ChannelInboundHandlerAdapter {
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private Channel server;
    private boolean retryScheduled;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      server = ctx.channel();
    }

    io.netty.channel.EventLoop loop() {
      return server.eventLoop();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      EpollSocketChannel child = (EpollSocketChannel) msg;
      if (!dispatch(child)) {
        hold(child);
      }
    }

    /** Hands the socket to a worker; false when none can take it now. */
    private boolean dispatch(EpollSocketChannel child) {
      HandoffTarget t = scheduler.choose(child.remoteAddress(), targets);
      if (t == null) {
        return false;
      }
      t.unacked.incrementAndGet(); // the worker's acknowledgement takes it back
      t.link.writeAndFlush(new FileDescriptor(child.fd().intValue())).addListener(f -> {
        if (f.isSuccess()) {
          handedOff.incrementAndGet();
          child.unsafe().closeForcibly(); // the worker has its own copy of the descriptor now
        } else {
          // The link broke under us (the worker died): the socket is still ours, try another worker.
          t.unacked.decrementAndGet();
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

    void retryHeld() {
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
      if (!held.isEmpty() && !retryScheduled) {
        retryScheduled = true;
        server.eventLoop().schedule(this::retryHeld, HOLD_RETRY_MS, TimeUnit.MILLISECONDS);
      }
    }

    void close() {
      server.eventLoop().execute(() -> {
        held.forEach(h -> h.child.unsafe().closeForcibly());
        held.clear();
      });
      server.close();
    }
  }

  private record Held(EpollSocketChannel child, long deadline) {
  }
}
