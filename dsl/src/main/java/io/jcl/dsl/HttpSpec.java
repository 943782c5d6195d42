package io.jcl.dsl;

import groovy.lang.Closure;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import java.util.ArrayList;
import java.util.List;

/** {@code http { get('/') { ctx -> ... } }}: inline routes on a vertx-web Router, one per worker. */
public final class HttpSpec extends Spec {

  private static final String CTX = "io.vertx.ext.web.RoutingContext";

  private final List<Route> routes = new ArrayList<>();
  private final List<Closure<?>> routerSetups = new ArrayList<>();

  HttpSpec(ScriptContext ctx) {
    super(ctx, "worker.");
  }

  public void get(String path, @ClosureParams(value = SimpleType.class, options = CTX) Closure<?> handler) {
    add("GET", path, handler);
  }

  public void post(String path, @ClosureParams(value = SimpleType.class, options = CTX) Closure<?> handler) {
    add("POST", path, handler);
  }

  public void put(String path, @ClosureParams(value = SimpleType.class, options = CTX) Closure<?> handler) {
    add("PUT", path, handler);
  }

  public void delete(String path, @ClosureParams(value = SimpleType.class, options = CTX) Closure<?> handler) {
    add("DELETE", path, handler);
  }

  public void patch(String path, @ClosureParams(value = SimpleType.class, options = CTX) Closure<?> handler) {
    add("PATCH", path, handler);
  }

  public void head(String path, @ClosureParams(value = SimpleType.class, options = CTX) Closure<?> handler) {
    add("HEAD", path, handler);
  }

  /** Every method on {@code path}. */
  public void route(String path, @ClosureParams(value = SimpleType.class, options = CTX) Closure<?> handler) {
    add(null, path, handler);
  }

  /** Direct access to the Router for anything the shorthands do not cover (body handlers, sub-routers). */
  public void router(@ClosureParams(value = SimpleType.class, options = "io.vertx.ext.web.Router") Closure<?> setup) {
    routerSetups.add(setup);
  }

  private void add(String method, String path, Closure<?> handler) {
    SourcePosition at = Positions.current();
    if (path == null || !path.startsWith("/")) {
      ctx.problem(at, "route path must start with '/': '" + path + "'");
      return;
    }
    routes.add(new Route(method, path, handler, at));
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  List<Closure<?>> routerSetups() {
    return List.copyOf(routerSetups);
  }
}
