package io.jcl.worker;

import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * Vert.x's metrics hook on every HTTP server of the worker, the application's own included: counts
 * connections and requests for the heartbeat, and stamps {@code X-Jcl-Worker} on each HTTP/1.x response
 * just before its head is written.
 */
final class ServedTraffic implements HttpServerMetrics<Object, Object, Object> {

  private static final Object REQUEST = new Object();

  final LongAdder open = new LongAdder();
  final LongAdder inFlight = new LongAdder();
  final LongAdder served = new LongAdder();
  private volatile String headerName;
  private volatile String headerValue = "";

  /** Set once the slot is known (a standby learns it late), before any server binds. */
  void value(String slotAndPid) {
    this.headerValue = slotAndPid;
  }

  /** Set once the plan is read, before any server binds; null leaves responses alone. */
  void header(String name) {
    this.headerName = name;
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
    return REQUEST;
  }

  @Override
  public void requestReset(Object requestMetric) {
    inFlight.decrement();
  }

  @Override
  public void responseBegin(Object requestMetric, HttpResponse response) {
    String name = headerName;
    if (name != null && !response.headers().contains(name)) {
      response.headers().set(name, headerValue);
    }
  }

  @Override
  public void responseEnd(Object requestMetric, HttpResponse response, long bytesWritten) {
    inFlight.decrement();
    served.increment();
  }
}
