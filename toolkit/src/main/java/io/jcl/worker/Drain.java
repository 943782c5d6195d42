package io.jcl.worker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * The worker's graceful exit, when the primary asks or on SIGTERM. Under round-robin and sticky the
 * primary has stopped sending it connections by then (sockets already on their way are still served);
 * under {@code os} the worker closes its own listeners first, so the kernel sends new connections to the
 * other workers. Then three steps:
 * <ol>
 *   <li>every HTTP/1.x response from now says {@code Connection: close}, so each keep-alive client
 *       learns on its next response to reconnect, and reconnects to another worker;</li>
 *   <li>wait until those connections are gone, or until nothing is in flight and {@link #IDLE_GRACE_MS}
 *       passed: what is still open then carried no request for that long;</li>
 *   <li>Vert.x's graceful shutdown of the servers (in-flight requests finish, HTTP/2 gets GOAWAY, idle
 *       connections close, each WebSocket's {@code shutdownHandler} is called so the application can say
 *       goodbye and close it) until {@link #CLOSE_MARGIN_MS} before drainTimeout, then what is left is
 *       closed: a WebSocket still open then gets a close frame (1000), not a reset.</li>
 * </ol>
 * Closing an idle keep-alive connection at once, as a bare {@code HttpServer.shutdown} does, races a
 * request the client may be writing at that instant (the failures gunicorn and PM2 show on reload);
 * waiting for the next response first is HAProxy's soft stop before 2.4 ({@code idle-close-on-response}).
 */
final class Drain {

  /**
   * How long an HTTP/1.x connection may stay silent before it is closed without a last response: long
   * against the gap between requests on a busy keep-alive connection, short against a roll.
   */
  static final long IDLE_GRACE_MS = 1_000;
  /**
   * The least a drain waits, even with no connection open: a socket the primary chose for this worker just
   * before it stopped routing here may still be on the fd link, and closing would drop it. An acceptor
   * passes a socket within microseconds of choosing it; this is thousands of times that.
   */
  static final long IN_TRANSIT_MS = 250;
  /**
   * How long before drainTimeout the servers' graceful shutdown ends and closes what is left: the primary
   * kills the worker at drainTimeout, and a WebSocket must read its close frame before that, not a reset
   * (measured: with the whole drainTimeout given to the shutdown, the kill came first).
   */
  static final long CLOSE_MARGIN_MS = 1_000;
  /** How often the counters are looked at while waiting (a timer, never a blocked event loop). */
  private static final long POLL_MS = 20;

  private final Vertx vertx;
  private final ServedTraffic traffic;
  private final Runnable stopAccepting;
  private final WorkerApplication app;
  private final long drainTimeoutMs;

  /** @param app null when the application never started: nothing to drain */
  Drain(Vertx vertx, ServedTraffic traffic, Runnable stopAccepting, WorkerApplication app, long drainTimeoutMs) {
    this.vertx = vertx;
    this.traffic = traffic;
    this.stopAccepting = stopAccepting;
    this.app = app;
    this.drainTimeoutMs = drainTimeoutMs;
  }

  /** Completes when the worker has nothing left to serve and Vert.x is closed. */
  Future<Void> run() {
    long start = System.nanoTime();
    stopAccepting.run();
    traffic.closeConnectionsAfterResponse();
    return settled(start)
        .onSuccess(v -> report(start))
        .compose(v -> app == null ? Future.succeededFuture() : app.shutdown(Math.max(0, drainTimeoutMs - CLOSE_MARGIN_MS - msSince(start))))
        .eventually(() -> vertx.close());
  }

  private Future<Void> settled(long start) {
    Promise<Void> settled = Promise.promise();
    vertx.setPeriodic(0, POLL_MS, id -> {
      long elapsed = msSince(start);
      boolean quiet = traffic.inFlight.sum() == 0 && elapsed >= Math.min(IDLE_GRACE_MS, drainTimeoutMs);
      boolean empty = traffic.open.sum() == 0 && elapsed >= Math.min(IN_TRANSIT_MS, drainTimeoutMs);
      if (empty || quiet || elapsed >= drainTimeoutMs) {
        vertx.cancelTimer(id);
        settled.tryComplete();
      }
    });
    return settled.future();
  }

  /** What the shutdown is left with, for the log: a client that holds idle connections shows here. */
  private void report(long start) {
    long open = traffic.open.sum();
    long inFlight = traffic.inFlight.sum();
    long webSockets = traffic.webSockets.sum();
    if (open > 0 || inFlight > 0) {
      System.err.println("drain: after " + msSince(start) + " ms, " + open + " connection(s) still open ("
          + webSockets + " WebSocket(s)), " + inFlight + " request(s) in flight; shutting the servers down");
    }
  }

  private static long msSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
