package io.jcl.worker;

import io.jcl.dsl.Route;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A new worker sends its own application requests before it reports LISTENING, so that the first
 * clients it is handed do not pay for its cold start. Measured on 2 cores: 4 fresh workers under 5,000
 * req/s answered nothing for 2-3 s (each one's first request loads the HTTP codec, the router and the
 * script's closures, all four at once), then ran at a fraction of their warm rate; the requests waited,
 * and a load test's verdict blamed what it found. The same work done here happens before the primary
 * routes a connection to this worker, which is what LISTENING means.
 *
 * <p>Requests go to the application's private port (round-robin/sticky: the server binds 127.0.0.1:0 and
 * the primary passes it sockets), so no client sees them; with {@code os} scheduling the server is on the
 * shared port and the kernel routes to it from the bind on, so there is nothing to do before LISTENING.
 * Only GET routes without path parameters are called (GET is safe by HTTP's rules), else {@code /}: a 404
 * warms the codec and the router too. Most go over a few keep-alive connections, one in eight on a new
 * connection (the accept path). Bounded by {@code restart.warmupTimeout}; whatever answers, or fails,
 * the worker goes on.
 *
 * <p>Why 20,000 requests within 20 s by default: with 1,000 within 3 s, 4 fresh workers on 2 cores were
 * still compiling when a load test started at once (35-45% of a core each for a whole 30 s run of 2,000
 * new connections/s, against ~6-10% once C2 has compiled the request path), and a roll at 10 s pushed
 * the run past the generator's 50 connections (exit 4). Traced per worker (2026-12-06): four fresh
 * workers starting together answer ~300 warm-up requests/s each, so 10 s gave each ~3,000, below C2's
 * thresholds; a successor alone reaches 20,000 in ~5 s. The JIT never goes quiet within 10 s under
 * this load, so "until compiled" is no stop signal; a count and a bound are. README, "Warm before
 * LISTENING", has the figures.
 */
final class WarmUp {
  private static final int KEEP_ALIVE_CONNECTIONS = 4;
  private static final int NEW_CONNECTION_EVERY = 8;

  private final Vertx vertx;
  private final int port;
  private final List<String> paths;
  private final long maxMillis;

  WarmUp(Vertx vertx, int port, List<Route> routes, Duration timeout) {
    this.vertx = vertx;
    this.port = port;
    this.paths = paths(routes);
    this.maxMillis = timeout.toMillis();
  }

  static List<String> paths(List<Route> routes) {
    List<String> out = new ArrayList<>();
    for (Route r : routes) {
      boolean get = r.method() == null || r.method().equals("GET");
      if (get && r.path().startsWith("/") && !r.path().matches(".*[:*(\\[].*") && !out.contains(r.path())) {
        out.add(r.path());
      }
    }
    return out.isEmpty() ? List.of("/") : out;
  }

  /** Sends {@code requests}; completes when they are answered or the timeout passed, never fails. */
  Future<Void> run(int requests) {
    if (requests <= 0 || port <= 0 || maxMillis <= 0) {
      return Future.succeededFuture();
    }
    HttpClient keepAlive = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(KEEP_ALIVE_CONNECTIONS));
    HttpClient fresh = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    int[] next = {0};
    int[] answered = {0};
    Runnable[] send = new Runnable[1];
    send[0] = () -> {
      if (done.future().isComplete() || next[0] >= requests || System.nanoTime() > deadline) {
        return;
      }
      int i = next[0]++;
      HttpClient client = i % NEW_CONNECTION_EVERY == 0 ? fresh : keepAlive;
      Future<HttpClientRequest> request;
      try {
        request = client.request(HttpMethod.GET, port, "127.0.0.1", paths.get(i % paths.size()));
      } catch (IllegalStateException closed) {
        // The worker was told to stop while warming: Vert.x closed the clients under the warm-up.
        done.tryComplete();
        return;
      }
      request
          .compose(req -> req.send().compose(resp -> resp.body()))
          .onComplete(ar -> {
            if (++answered[0] >= requests || System.nanoTime() > deadline) {
              done.tryComplete();
            } else {
              send[0].run();
            }
          });
    };
    // A few requests in flight at once, as many as the keep-alive connections: each completion sends the next.
    vertx.runOnContext(v -> {
      for (int k = 0; k < KEEP_ALIVE_CONNECTIONS; k++) {
        send[0].run();
      }
    });
    vertx.setTimer(maxMillis, id -> done.tryComplete());
    return done.future().eventually(() -> Future.join(keepAlive.close(), fresh.close()).mapEmpty());
  }
}
