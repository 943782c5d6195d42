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
 * connections and requests for the heartbeat (and for {@link Drain}), and stamps {@code X-Jcl-Worker} on
 * each HTTP/1.x response just before its head is written, and {@code Connection: close} once draining.
 */
final class ServedTraffic implements HttpServerMetrics<Object, Object, Object> {

  /** Request metrics: which protocol a response answers (only HTTP/1.x has a Connection header). */
  private static final Object HTTP1 = new Object();
  private static final Object HTTP2 = new Object();

  final LongAdder open = new LongAdder();
  final LongAdder inFlight = new LongAdder();
  final LongAdder served = new LongAdder();
  /** Open WebSockets, also counted in {@link #open}: connections that will not end on a response. */
  final LongAdder webSockets = new LongAdder();
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
    return null;
  }

  @Override
  public void disconnected(Object socketMetric, SocketAddress remoteAddress) {
    open.decrement();
  }

  @Override
  public Object requestBegin(Object socketMetric, HttpRequest request) {
    inFlight.increment();
    return request instanceof HttpServerRequest r && r.version() == HttpVersion.HTTP_2 ? HTTP2 : HTTP1;
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
    if (closing && requestMetric == HTTP1) {
      response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
  }

  @Override
  public void responseEnd(Object requestMetric, HttpResponse response, long bytesWritten) {
    inFlight.decrement();
    served.increment();
  }
}
