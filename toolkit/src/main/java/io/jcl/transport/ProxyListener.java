package io.jcl.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;

/**
 * The fallback handoff: where sockets cannot be passed (no epoll, or {@code handoff 'proxy'}), the
 * primary accepts and copies bytes both ways between the client and the chosen worker's private port
 * (127.0.0.1). It stays on the data path, so it costs a copy and a hop per byte (DESIGN.md measured a
 * Vert.x byte proxy at well under half of socket passing); scheduling, holding and counting are the same
 * as {@link PublicListener}'s. Each connection to a worker opens with a PROXY protocol line naming the
 * real client ({@link ProxyHeader}), so the application's {@code remoteAddress()} is that client, not the
 * primary.
 *
 * <p>Everything runs on the primary's one Vert.x event loop; back-pressure comes from Vert.x's pipes.
 */
public final class ProxyListener implements ClusterListener {

  private static final HandoffTarget[] NONE = new HandoffTarget[0];
  /** How often a held connection looks for a worker. */
  private static final long HOLD_RETRY_MS = 5;

  private final Vertx vertx;
  private final ConnectionScheduler scheduler;
  private final long holdMs;
  private final NetClient upstream;
  private NetServer server;
  private HandoffTarget[] targets = NONE;
  private long handedOff;
  private long held;
  private long dropped;

  public ProxyListener(Vertx vertx, ConnectionScheduler scheduler, long holdNanos) {
    this.vertx = vertx;
    this.scheduler = scheduler;
    this.holdMs = Math.max(0, holdNanos / 1_000_000);
    this.upstream = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(2_000));
  }

  @Override
  public Future<Void> listen(String host, int port) {
    server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true).setAcceptBacklog(4096))
        .connectHandler(client -> {
          client.pause(); // nothing is read until there is somewhere to write it
          route(client, System.currentTimeMillis() + holdMs, false);
        });
    return server.listen(port, host)
        .recover(e -> Future.failedFuture("cannot listen on " + host + ":" + port + ": " + e.getMessage()))
        .mapEmpty();
  }

  /** Connects the client to a worker, or holds it and tries again until its deadline. */
  private void route(NetSocket client, long deadline, boolean counted) {
    InetSocketAddress from = new InetSocketAddress(client.remoteAddress().host(), client.remoteAddress().port());
    HandoffTarget t = scheduler.choose(from, targets);
    if (t == null) {
      if (!counted) {
        held++;
      }
      if (System.currentTimeMillis() >= deadline) {
        dropped++;
        client.close();
      } else {
        vertx.setTimer(HOLD_RETRY_MS, id -> route(client, deadline, true));
      }
      return;
    }
    upstream.connect(t.port, "127.0.0.1").onComplete(ar -> {
      if (ar.failed()) {
        // The worker went away between publish and connect: another one, or hold.
        vertx.setTimer(HOLD_RETRY_MS, id -> route(client, deadline, counted));
        return;
      }
      NetSocket worker = ar.result();
      handedOff++;
      worker.write(ProxyHeader.v1(client.remoteAddress(), client.localAddress()));
      client.pipeTo(worker);
      worker.pipeTo(client);
      client.resume();
    });
  }

  @Override
  public void publish(HandoffTarget[] eligible) {
    vertx.runOnContext(v -> targets = eligible);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    upstream.close();
  }

  @Override
  public JsonObject stats() {
    return new JsonObject().put("handedOff", handedOff).put("held", held).put("dropped", dropped);
  }
}
