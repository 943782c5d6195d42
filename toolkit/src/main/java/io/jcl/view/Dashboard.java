package io.jcl.view;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import io.vertx.core.json.JsonObject;

/**
 * The live dashboard under the admin API's {@code /dashboard/}: {@code open?code=} trades a one-time code
 * ({@link DashboardAccess}) for a session cookie and redirects to the page; the page
 * ({@code dashboard.html}, one file with its CSS and JS inline: no external asset, it works offline)
 * reads {@code feed}, the {@link LiveFeed}'s server-sent events. Everything but {@code open} wants the
 * session cookie, and every request must name the loopback address in its Host header (a page on
 * another site that rebinds its DNS name to 127.0.0.1 gets nothing).
 */
public final class Dashboard {

  public static final String COOKIE = "jcl_dashboard";
  /** Only what the page itself holds: inline script and style, and its own feed. */
  static final String POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
      + "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final DashboardAccess access;
  private final LiveFeed feed;
  private final Supplier<JsonObject> status;
  private final String page;

  public Dashboard(DashboardAccess access, LiveFeed feed, Supplier<JsonObject> status) {
    this.access = access;
    this.feed = feed;
    this.status = status;
    this.page = resource("dashboard.html");
  }

  public DashboardAccess access() {
    return access;
  }

  /** The routes, to be mounted at {@code /dashboard/*}. */
  public Router router(Vertx vertx) {
    Router r = Router.router(vertx);
    r.route().handler(this::loopbackHost);
    r.get("/open").handler(this::open);
    r.route().handler(this::session);
    r.get("/").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("content-security-policy", POLICY)
        .putHeader("cache-control", "no-store")
        .putHeader("x-content-type-options", "nosniff")
        .putHeader("referrer-policy", "no-referrer")
        .end(page));
    r.get("/feed").handler(ctx -> feed.attach(ctx.response()));
    r.get("/status").handler(ctx -> ctx.json(status.get()));
    return r;
  }

  private void open(RoutingContext ctx) {
    String session = access.redeem(ctx.request().getParam("code"));
    if (session == null) {
      ctx.response().setStatusCode(403).putHeader("content-type", "text/plain; charset=utf-8")
          .end("This dashboard link was used already or has expired. Run `jcl dashboard` for a new one.\n");
      return;
    }
    ctx.response().addCookie(Cookie.cookie(COOKIE, session).setPath("/dashboard").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT));
    // The code leaves the address bar: a reload of the page does not try to spend it again.
    ctx.response().setStatusCode(303).putHeader("location", "/dashboard/").putHeader("referrer-policy", "no-referrer").end();
  }

  private void session(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(COOKIE);
    if (c != null && access.valid(c.getValue())) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(401).putHeader("content-type", "text/plain; charset=utf-8")
          .end("Open the dashboard with the link `jcl dashboard` prints.\n");
    }
  }

  /** Host (HTTP/1.1) or :authority (HTTP/2, which an h2c upgrade turns a request into) names loopback. */
  private void loopbackHost(RoutingContext ctx) {
    HostAndPort authority = ctx.request().authority();
    String host = authority == null ? null : authority.host();
    if (host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"))) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(421).end("the dashboard answers on 127.0.0.1 only\n");
    }
  }

  private static String resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource io/jcl/view/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
