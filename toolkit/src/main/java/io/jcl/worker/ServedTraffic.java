package io.jcl.worker;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * Vert.x's metrics hook on every HTTP server of the worker, the application's own included: counts
 * connections and requests and times each request ({@link RequestLatency}) for the heartbeat (and for
 * {@link Drain}), and stamps {@code X-Jcl-Worker} on
 * each HTTP/1.x response just before its head is written, and {@code Connection: close} once draining.
 */
final class ServedTraffic implements HttpServerMetrics<Object, Object, Object> {

  /**
   * A connection's metric, and its HTTP/1.x requests' too: an HTTP/1.x connection serves one request at a
   * time, so when its current one began is a field here, allocated once per connection, not per request.
   * (Pipelined requests are timed from when Vert.x begins each, which is after the one before ends.)
   */
  private static final class Connection {
    long requestBegan;
  }

  /** An HTTP/1.x request without a connection metric (none is expected): still gets Connection: close. */
  private static final Object UNTIMED_HTTP1 = new Object();

  /**
   * An HTTP/2 stream's request metric: streams overlap on a connection, so each carries its start (one small
   * object beside the many Vert.x makes per stream; HTTP/1.x allocates nothing per request).
   */
  private static final class Stream {
    final long began = System.nanoTime();
  }

  final LongAdder open = new LongAdder();
  final LongAdder inFlight = new LongAdder();
  final LongAdder served = new LongAdder();
  /** Open WebSockets, also counted in {@link #open}: connections that will not end on a response. */
  final LongAdder webSockets = new LongAdder();
  /** How long requests took to serve, for the heartbeat. */
  final RequestLatency latency = new RequestLatency();
  private volatile String headerName;
  private volatile String headerValue = "";
  private volatile boolean closing;

  /** Set once the slot is known (a standby learns it late), before any server binds. */
  void value(String slotAndPid) {
    this.headerValue = slotAndPid;
  }

  /** Set once the plan is read, before any server binds; null leaves responses alone. */
  void header(String name) {
    this.headerName = name;
  }

  /**
   * From now on every HTTP/1.x response says {@code Connection: close}: its client opens a new connection
   * for the next request, which the primary gives to another worker (HTTP/2 gets GOAWAY from the shutdown).
   */
  void closeConnectionsAfterResponse() {
    closing = true;
  }

  @Override
  public Object connected(SocketAddress remoteAddress, String remoteName) {
    open.increment();
    return new Connection();
  }

  @Override
  public void disconnected(Object socketMetric, SocketAddress remoteAddress) {
    open.decrement();
  }

  @Override
  public Object requestBegin(Object socketMetric, HttpRequest request) {
    inFlight.increment();
    if (request instanceof HttpServerRequest r && r.version() == HttpVersion.HTTP_2) {
      return new Stream();
    }
    if (socketMetric instanceof Connection c) {
      c.requestBegan = System.nanoTime();
      return c;
    }
    return UNTIMED_HTTP1; // no connection metric to time it on: served and counted, not timed
  }

  @Override
  public void requestReset(Object requestMetric) {
    inFlight.decrement();
  }

  /** The upgrade request is answered (its 101 counts as its response end) and stays open as a WebSocket. */
  @Override
  public Object connected(Object socketMetric, Object requestMetric, ServerWebSocket serverWebSocket) {
    webSockets.increment();
    return Boolean.TRUE;
  }

  @Override
  public void disconnected(Object webSocketMetric) {
    if (webSocketMetric != null) {
      webSockets.decrement();
    }
  }

  @Override
  public void responseBegin(Object requestMetric, HttpResponse response) {
    String name = headerName;
    if (name != null && !response.headers().contains(name)) {
      response.headers().set(name, headerValue);
    }
    if (closing && (requestMetric instanceof Connection || requestMetric == UNTIMED_HTTP1)) {
      response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
  }

  @Override
  public void responseEnd(Object requestMetric, HttpResponse response, long bytesWritten) {
    inFlight.decrement();
    served.increment();
    if (requestMetric instanceof Connection c) {
      latency.record(System.nanoTime() - c.requestBegan);
    } else if (requestMetric instanceof Stream s) {
      latency.record(System.nanoTime() - s.began);
    }
  }
}
