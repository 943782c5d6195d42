package io.jcl.worker;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;

/** Gives every HTTP server of the worker the same {@link ServedTraffic}: one set of counters per JVM. */
final class WorkerMetrics implements VertxMetrics {

  private final ServedTraffic traffic;

  WorkerMetrics(ServedTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
    return traffic;
  }
}
