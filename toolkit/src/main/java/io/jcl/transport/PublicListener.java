package io.jcl.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.FileDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster's public port under round-robin/sticky scheduling. The primary accepts; each accepted
 * socket's descriptor is written to the chosen worker's fd link and closed here once written, so the
 * primary leaves the data path (and never makes a Netty channel of it: {@link HandoffServerChannel}).
 * The port stays open whatever the workers do: with no worker able to take a connection
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
  /** How long accepting pauses after accept() failed (out of descriptors, say). */
  private static final long ACCEPT_PAUSE_MS = 1000;

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
    HandoffServerChannel server = new HandoffServerChannel(acceptor, acceptors > 1);
    server.pipeline().addLast(acceptor);
    group.register(server).addListener((ChannelFutureListener) registered -> {
      if (!registered.isSuccess()) {
        bound.fail("cannot listen on " + host + ":" + port + ": " + registered.cause().getMessage());
        return;
      }
      server.bind(new InetSocketAddress(host, port)).addListener((ChannelFutureListener) f -> {
        if (f.isSuccess()) {
          synchronized (listening) {
            listening.add(acceptor);
          }
          bound.complete();
        } else {
          server.close();
          bound.fail("cannot listen on " + host + ":" + port + ": " + f.cause().getMessage());
        }
      });
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
   * One listener: it receives each accepted socket as a bare descriptor ({@link HandoffServerChannel}) and
   * passes it on. Its held connections are touched only on its own loop.
   */
  private final class Acceptor extends ChannelInboundHandlerAdapter implements HandoffServerChannel.Sink {
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private Channel server;
    private boolean retryScheduled;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      server = ctx.channel();
    }

    EventLoop loop() {
      return server.eventLoop();
    }

    @Override
    public void accepted(int fd, InetSocketAddress client) {
      if (!dispatch(fd, client)) {
        hold(fd, client);
      }
    }

    /** The server channel itself, which its accept loop fires once per accepted socket: nothing to do. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
    }

    /**
     * accept() failed, typically out of descriptors: as Netty's own acceptor does, stop accepting for a
     * second rather than spin on a listener that stays readable. The kernel keeps queueing meanwhile.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (server.config().isAutoRead()) {
        System.err.println("jcl: accepting a connection failed (" + cause.getMessage() + "); pausing accepts for "
            + ACCEPT_PAUSE_MS + " ms");
        server.config().setAutoRead(false);
        loop().schedule(() -> server.config().setAutoRead(true), ACCEPT_PAUSE_MS, TimeUnit.MILLISECONDS);
      }
    }

    /** Hands the socket to a worker; false when none can take it now. */
    private boolean dispatch(int fd, InetSocketAddress client) {
      HandoffTarget t = scheduler.choose(client, targets);
      if (t == null) {
        return false;
      }
      t.handing(); // the worker's acknowledgement takes it back
      EventLoop linkLoop = t.link.eventLoop();
      if (linkLoop.inEventLoop()) {
        pass(t, fd, client); // with one acceptor loop the links live here too: no hop between threads
      } else {
        linkLoop.execute(() -> pass(t, fd, client));
      }
      return true;
    }

    /** On the link's loop. */
    private void pass(HandoffTarget t, int fd, InetSocketAddress client) {
      if (t.send(fd)) {
        handedOff.incrementAndGet();
        t.handed();
        closeDescriptor(fd); // the worker has its own copy of the descriptor now
        return;
      }
      // The link broke or is full: the socket is still ours and waits for a worker like any held one.
      t.unacked.decrementAndGet();
      if (loop().inEventLoop()) {
        hold(fd, client);
      } else {
        loop().execute(() -> hold(fd, client));
      }
    }

    private void hold(int fd, InetSocketAddress client) {
      heldTotal.incrementAndGet();
      held.addLast(new Held(fd, client, System.nanoTime() + holdNanos));
      scheduleRetry();
    }

    void retryHeld() {
      retryScheduled = false;
      long now = System.nanoTime();
      for (int n = held.size(); n > 0; n--) {
        Held h = held.pollFirst();
        if (dispatch(h.fd, h.client)) {
          continue;
        }
        if (now - h.deadline >= 0) {
          dropped.incrementAndGet();
          closeDescriptor(h.fd);
        } else {
          held.addLast(h);
        }
      }
      scheduleRetry();
    }

    private void scheduleRetry() {
      if (!held.isEmpty() && !retryScheduled) {
        retryScheduled = true;
        loop().schedule(this::retryHeld, HOLD_RETRY_MS, TimeUnit.MILLISECONDS);
      }
    }

    void close() {
      loop().execute(() -> {
        held.forEach(h -> closeDescriptor(h.fd));
        held.clear();
      });
      server.close();
    }
  }

  private static void closeDescriptor(int fd) {
    try {
      new FileDescriptor(fd).close();
    } catch (IOException ignored) {
      // already gone: nothing of ours to release
    }
  }

  private record Held(int fd, InetSocketAddress client, long deadline) {
  }
}
