package io.jcl.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The entry point: runs one open-model load test and returns its {@link Report}.
 * <pre>
 *   LoadSpec spec = LoadSpec.builder("http://127.0.0.1:8080/").rps(5000).duration(Duration.ofSeconds(10)).build();
 *   LoadGenerator.run(vertx, spec, progress -> System.err.print("\r" + ProgressLine.format(progress)))
 *       .onSuccess(report -> System.exit(report.exitCode()));
 * </pre>
 * Works best on Vert.x with the native epoll transport: Netty's NIO selector wakes in whole
 * milliseconds, which is too coarse to pace above about 1,000 requests per second (the report says so).
 */
public final class LoadGenerator {
  private LoadGenerator() {
  }

  public static Future<Report> run(Vertx vertx, LoadSpec spec) {
    return run(vertx, spec, ProgressListener.NONE);
  }

  /**
   * Deploys {@link LoadSpec#eventLoops()} pacing verticles, runs warmup then measurement, waits for
   * stragglers for {@link LoadSpec#drain()}, undeploys, and completes with the report. Progress is
   * reported once per measured second on a Vert.x event loop.
   */
  public static Future<Report> run(Vertx vertx, LoadSpec spec, ProgressListener listener) {
    return new RunCoordinator(vertx, spec, listener == null ? ProgressListener.NONE : listener).start();
  }
}
