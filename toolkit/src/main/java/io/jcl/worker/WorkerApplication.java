package io.jcl.worker;

import groovy.lang.GroovyClassLoader;
import io.jcl.dsl.Deployment;
import io.jcl.dsl.Route;
import io.jcl.dsl.VerticleRef;
import io.jcl.dsl.WorkerApp;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts what the worker block declared: inline routes on a Router behind an HttpServer bound to the
 * cluster port, then each verticle. User code is unchanged: a verticle binds the cluster port as if it
 * were alone, and the transport makes that port shared.
 */
final class WorkerApplication {

  private final Vertx vertx;
  private final Deployment deployment;
  private final WorkerApp app;
  /** The inline routes' servers, one per instance (each made on its own event loop). */
  private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();

  WorkerApplication(Vertx vertx, Deployment deployment) {
    this.vertx = vertx;
    this.deployment = deployment;
    this.app = deployment.script().worker();
  }

  /** Completes when every server is bound and every verticle started. */
  Future<Void> start() {
    List<Future<?>> started = new ArrayList<>();
    if (app.hasHttp()) {
      started.add(vertx.deployVerticle(InlineHttp::new,
          new DeploymentOptions().setInstances(deployment.worker().instances())));
    }
    ClassLoader loader = classpathLoader();
    for (VerticleRef ref : app.verticles()) {
      started.add(deploy(ref, loader));
    }
    return Future.all(started).mapEmpty();
  }

  /**
   * Vert.x's graceful shutdown of the inline servers: HTTP/2 connections get GOAWAY, in-flight requests
   * finish, idle connections close; after {@code timeoutMs} whatever is left is closed. A verticle's own
   * servers are closed when Vert.x closes (override its stop() with {@code server.shutdown()} to give
   * HTTP/2 clients a GOAWAY too).
   */
  Future<Void> shutdown(long timeoutMs) {
    return Future.all(servers.stream().map(s -> s.shutdown(timeoutMs, TimeUnit.MILLISECONDS)).toList()).mapEmpty();
  }

  private Future<String> deploy(VerticleRef ref, ClassLoader loader) {
    Class<?> type;
    try {
      type = ref.className() != null
          ? Class.forName(ref.className(), true, loader)
          : new GroovyClassLoader(loader).parseClass(ref.file().toFile());
    } catch (ClassNotFoundException e) {
      return Future.failedFuture(ref.position() + ": verticle class not found: " + ref.className()
          + " (add its jar with worker { classpath '...' })");
    } catch (Exception | LinkageError e) {
      return Future.failedFuture(ref.position() + ": cannot load verticle " + ref.describe() + ": " + e.getMessage());
    }
    if (!Deployable.class.isAssignableFrom(type)) {
      return Future.failedFuture(ref.position() + ": " + type.getName() + " is not a verticle (extend VerticleBase)");
    }
    // The cluster's address, so a verticle can bind "its" port without repeating it.
    JsonObject config = new JsonObject()
        .put("http.host", deployment.cluster().host())
        .put("http.port", deployment.cluster().port())
        .mergeIn(new JsonObject(ref.config()));
    return vertx.deployVerticle(() -> {
      try {
        return (Deployable) type.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot instantiate " + type.getName() + ": " + e, e);
      }
    }, new DeploymentOptions().setInstances(ref.instances()).setConfig(config))
        .recover(e -> Future.failedFuture(ref.position() + ": verticle " + ref.describe() + " failed to start: "
            + e.getMessage()));
  }

  /** The worker classpath entries, globs expanded ({@code lib/*.jar}), in front of jcl's own. */
  private ClassLoader classpathLoader() {
    List<URL> urls = new ArrayList<>();
    for (String entry : deployment.worker().classpath()) {
      for (Path p : expand(entry)) {
        try {
          urls.add(p.toUri().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalArgumentException("bad classpath entry " + p, e);
        }
      }
    }
    ClassLoader parent = WorkerApplication.class.getClassLoader();
    return urls.isEmpty() ? parent : new URLClassLoader(urls.toArray(URL[]::new), parent);
  }

  private static List<Path> expand(String entry) {
    if (!entry.contains("*")) {
      return List.of(Path.of(entry));
    }
    Path dir = Path.of(entry).getParent();
    PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + entry.replace(File.separatorChar, '/'));
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(glob::matches).sorted().toList();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  /** One instance per event loop the script asked for; each serves the same routes. */
  private final class InlineHttp extends VerticleBase {

    @Override
    public Future<?> start() {
      Router router = Router.router(vertx);
      app.routerSetups().forEach(setup -> setup.call(router));
      for (Route r : app.routes()) {
        var route = r.method() == null ? router.route(r.path()) : router.route(HttpMethod.valueOf(r.method()), r.path());
        route.handler(ctx -> r.handler().call(ctx));
      }
      return vertx.createHttpServer(new HttpServerOptions()
              .setHost(deployment.cluster().host())
              .setPort(deployment.cluster().port()))
          .requestHandler(router)
          .listen()
          .onSuccess(servers::add);
    }
  }
}
