package io.jcl.primary;

import io.jcl.dsl.Deployment;
import io.jcl.dsl.Options;
import io.jcl.ipc.ControlHub;
import io.jcl.ipc.PrimaryBus;
import io.jcl.ipc.Requester;
import io.jcl.ipc.ScriptConsumers;
import io.jcl.transport.ConnectionScheduler;
import io.jcl.transport.MigrateReq;
import io.jcl.transport.FdHub;
import io.jcl.transport.ClusterListener;
import io.jcl.transport.ProxyListener;
import io.jcl.transport.PublicListener;
import io.jcl.transport.RoundRobin;
import io.jcl.transport.StickyTable;
import io.jcl.view.Dashboard;
import io.jcl.view.DashboardAccess;
import io.jcl.view.EventLine;
import io.jcl.view.EventLog;
import io.jcl.view.LiveFeed;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.jcl.dsl.Layer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The primary JVM of a running cluster: the runtime dir, the control hub, the admin API and the
 * supervisor, on one Vert.x context. Signals only enqueue work on that context (Gunicorn's rule);
 * {@link #shutdown} does the rest.
 */
public final class Primary {

  private final Deployment deployment;
  /** The script and the overrides it was read with: a reload reads it again the same way. */
  private final Path script;
  private final List<Layer> layers;
  private final RuntimeDir dir;
  private final Vertx vertx;
  private final Context context;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final long startedAt = System.currentTimeMillis();
  private Supervisor supervisor;
  private ControlHub hub;
  /** Round-robin/sticky only: the public port, the fd hub and their Netty loop. */
  private EventLoopGroup netty;
  private ClusterListener publicListener;
  private FdHub fdHub;
  private AdminApi admin;
  private Reload reload;
  private ClusterEvents events;
  private EventLog eventLog;
  private LiveFeed feed;
  /** {@code cluster.readyPort} only: the load balancer's check. */
  private Readiness readiness;
  private boolean shuttingDown;
  private boolean workersStarted;
  private volatile int exitCode;

  /** Several hosts only: this primary's part in the cluster of hosts; null on one machine. */
  private final HostsRole hosts;

  private Primary(Deployment deployment, Path script, List<Layer> layers, RuntimeDir dir, Vertx vertx, HostsRole hosts) {
    this.deployment = deployment;
    this.script = script.toAbsolutePath();
    this.layers = List.copyOf(layers);
    this.dir = dir;
    this.vertx = vertx;
    this.hosts = hosts;
    this.context = vertx.getOrCreateContext();
  }

  /**
   * Runs the cluster until it is stopped; returns the process exit code.
   *
   * @param script the script {@code deployment} was read from, with {@code layers}: what a reload reads again
   */
  public static int run(Deployment deployment, Path script, List<Layer> layers) throws IOException, InterruptedException {
    RuntimeDir dir = RuntimeDir.of(deployment.cluster().name());
    if (dir.livePrimary().isPresent()) {
      System.err.println("jcl: cluster '" + deployment.cluster().name() + "' is already running (pid "
          + dir.livePrimary().get() + "); stop it with `jcl stop " + deployment.cluster().name() + "`");
      return 1;
    }
    VertxOptions options = new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1);
    Vertx vertx;
    HostsRole hosts = null;
    if (deployment.cluster().hosts().enabled()) {
      // Only here is the cluster manager loaded: one machine pays nothing for it.
      hosts = HostsRole.join(deployment.cluster().hosts(), options);
      if (hosts == null) {
        return 1;
      }
      vertx = hosts.vertx();
    } else {
      vertx = Vertx.vertx(options);
    }
    dir.create();
    Primary primary = new Primary(deployment, script, layers, dir, vertx, hosts);
    return primary.runUntilStopped();
  }

  private int runUntilStopped() throws IOException, InterruptedException {
    String adminToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    dir.writePrivate(dir.tokenFile(), adminToken);
    dir.writePrivate(dir.pidFile(), Long.toString(ProcessHandle.current().pid()));
    GenerationFiles.write(dir, 1, deployment);
    WorkerLauncher launcher = new WorkerLauncher(deployment, dir);
    launcher.trainArchiveIfMissing(1);

    Runtime.getRuntime().addShutdownHook(new Thread(this::lastResort, "jcl-last-resort"));
    for (String sig : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(sig), s -> context.runOnContext(v -> shutdown(0)));
    }
    Signal.handle(new Signal("HUP"), s -> context.runOnContext(v -> handleHup()));

    context.runOnContext(v -> {
      var c = deployment.cluster();
      boolean handoff = !c.scheduling().equals(Options.SCHEDULING_OS);
      boolean passFds = handoff && c.handoff().equals(Options.HANDOFF_FD);
      ConnectionScheduler scheduler = c.scheduling().equals(Options.SCHEDULING_STICKY) ? new StickyTable() : new RoundRobin();
      if (passFds) {
        // One loop per acceptor; the fd links spread over the same loops.
        netty = new MultiThreadIoEventLoopGroup(c.acceptors(), EpollIoHandler.newFactory());
        publicListener = new PublicListener(netty, c.acceptors(), scheduler, c.holdTimeout().toNanos());
      } else if (handoff) {
        publicListener = new ProxyListener(vertx, scheduler, c.holdTimeout().toNanos());
      } else {
        System.out.println("jcl: " + MigrateReq.note());
      }
      // The primary block's bus: its consumers answer before any worker is forked.
      Requester requester = hosts == null ? Requester.PLAIN : hosts.requester();
      PrimaryBus ipc = new PrimaryBus(vertx, requester);
      deployment.script().primary().bind(ipc);
      ScriptConsumers.register(ipc, deployment.script().primary().consumers());
      events = new ClusterEvents(deployment.script().primary(), vertx.eventBus(), hosts == null ? null : hosts.self());
      eventLog = new EventLog(vertx, dir.eventsFile(), EventLog.DEFAULT_MAX_BYTES);
      events.observe(e -> eventLog.append(EventLine.of(e)));
      feed = new LiveFeed(vertx, this::status);
      events.observe(feed::event);
      supervisor = new Supervisor(context, new Generation(1, deployment, launcher), events, publicListener);
      reload = new Reload(context, dir, script, layers, deployment, supervisor, events);
      hub = new ControlHub(vertx, c.ipcMaxFrame(), c.ipcMaxQueued(), supervisor, vertx.eventBus(), requester);
      supervisor.hearFrom(hub::lastReadNanos);
      if (c.readyPort() > 0) {
        readiness = new Readiness(vertx, c.readyGrace(), this::serving);
      }
      if (hosts != null) {
        hosts.start(context, events, this::status, this::rollThisHost);
      }
      admin = new AdminApi(vertx, adminToken, () -> hosts == null ? Future.succeededFuture(status()) : hosts.status(status()),
          () -> context.runOnContext(x -> shutdown(0)),
          (parallel, progress) -> hosts == null ? reload.run(parallel, progress) : hosts.roll(parallel, progress),
          supervisor::scale, ipc, new Dashboard(new DashboardAccess(), feed, this::status));
      // the admin server listens from this context: its handlers run here, as do the feed's samples
      feed.start();
      if (passFds) {
        fdHub = new FdHub(netty,
            (pid, link) -> context.runOnContext(x -> supervisor.fdLinkUp(pid, link)),
            link -> context.runOnContext(x -> supervisor.fdLinkDown(link)));
      }
      // The public port opens first: connections arriving before the workers are LISTENING are held.
      (passFds ? publicListener.listen(c.host(), c.port()).compose(x -> fdHub.listen(dir.fdSocket()))
          : handoff ? publicListener.listen(c.host(), c.port()) : Future.<Void>succeededFuture())
          .compose(x -> hub.listen(dir.controlSocket()))
          .compose(x -> readiness == null ? Future.<Void>succeededFuture() : readiness.listen(c.host(), c.readyPort()))
          .compose(x -> admin.listen())
          .compose(port -> {
            try {
              dir.writePrivate(dir.adminPortFile(), Integer.toString(port));
            } catch (IOException e) {
              return Future.failedFuture(e);
            }
            workersStarted = true;
            return supervisor.start();
          })
          .onSuccess(x -> ready())
          .onFailure(e -> {
            System.err.println("jcl: start failed: " + e.getMessage());
            writeQuietly(dir.failedFile(), String.valueOf(e.getMessage()));
            // A slot that errored while others serve keeps the cluster up (as PM2 does); a port or
            // socket that could not be opened, or every slot errored, ends it.
            if (!workersStarted || supervisor.allErrored()) {
              shutdown(1);
            }
          });
    });
    stopped.await();
    return exitCode;
  }

  private void ready() {
    var c = deployment.cluster();
    System.out.println("jcl: cluster '" + c.name() + "' serving " + c.host() + ":" + c.port() + " with "
        + c.workers() + " workers (scheduling " + c.scheduling() + "); `jcl status " + c.name() + "`, Ctrl-C to stop");
    writeQuietly(dir.readyFile(), status().encode());
    events.emit("cluster.ready", new JsonObject().put("generation", supervisor.generation()).put("workers", c.workers()));
    HeapShrink.afterCompile();
  }

  /** Some worker takes connections: what /ready reports when this host is not leaving. */
  private boolean serving() {
    return supervisor != null && supervisor.status().stream()
        .anyMatch(w -> "LISTENING".equals(((JsonObject) w).getString("state")));
  }

  /** This host's part of a host-by-host roll: unready for the balancer first, ready again after. */
  private Future<JsonObject> rollThisHost(Integer parallel) {
    Future<Void> left = readiness == null ? Future.succeededFuture() : readiness.leave();
    return left.compose(v -> reload.run(parallel, e -> { }))
        .compose(r -> readiness == null ? Future.succeededFuture(r) : readiness.back().map(r));
  }

  /** SIGHUP: a reload whose progress goes to the primary's output (and log). */
  private void handleHup() {
    if (reload == null || shuttingDown) {
      return;
    }
    System.out.println("jcl: SIGHUP: reloading " + script);
    reload.run(null, e -> { }); // its progress and result go to the log either way
  }

  JsonObject status() {
    var c = deployment.cluster();
    return new JsonObject()
        .put("name", c.name())
        .put("primary", new JsonObject()
            .put("pid", ProcessHandle.current().pid())
            .put("host", c.host())
            .put("joinedAs", hosts == null ? null : hosts.self())
            .put("port", c.port())
            .put("scheduling", c.scheduling())
            .put("connections", publicListener == null ? null : publicListener.stats())
            .put("script", deployment.script().sourceName())
            .put("startedAt", startedAt)
            .put("uptimeMs", System.currentTimeMillis() - startedAt)
            .put("generation", supervisor == null ? 1 : supervisor.generation()))
        .put("workers", supervisor == null ? new io.vertx.core.json.JsonArray() : supervisor.status())
        .put("ipc", hub == null ? null : hub.stats())
        .put("standby", supervisor == null ? null : supervisor.standbyStatus());
  }

  /** Graceful stop: drain the workers, close the hub and the admin API, remove the runtime dir. */
  private void shutdown(int code) {
    if (shuttingDown) {
      return;
    }
    shuttingDown = true;
    exitCode = code;
    System.out.println("jcl: stopping cluster '" + deployment.cluster().name() + "'");
    if (events != null) {
      events.emit("cluster.stopping", new JsonObject().put("exitCode", code));
    }
    if (supervisor != null) {
      supervisor.stopping();
    }
    // The balancer stops sending first (readyGrace), then the port closes and the workers drain.
    Future<Void> left = readiness == null ? Future.succeededFuture() : readiness.leave();
    left.compose(v -> {
          if (publicListener != null) {
            publicListener.close(); // no new connections; the workers finish theirs
          }
          return supervisor == null ? Future.<Void>succeededFuture() : supervisor.stop();
        })
        .compose(v -> readiness == null ? Future.succeededFuture() : readiness.close())
        .compose(v -> hub == null ? Future.succeededFuture() : hub.close())
        .compose(v -> {
          if (feed != null) {
            feed.stop(); // open dashboard streams end, or the admin server's close would wait for them
          }
          return admin == null ? Future.succeededFuture() : admin.close();
        })
        .compose(v -> eventLog == null ? Future.succeededFuture() : eventLog.flush())
        .onComplete(v -> {
          if (fdHub != null) {
            fdHub.close();
          }
          if (netty != null) {
            netty.shutdownGracefully(0, 1, TimeUnit.SECONDS);
          }
        })
        .onComplete(v -> vertx.close().onComplete(x -> {
          cleanUp();
          stopped.countDown();
        }));
  }

  private void lastResort() {
    if (supervisor != null) {
      supervisor.killAll();
    }
    cleanUp();
  }

  private synchronized void cleanUp() {
    try {
      if (Files.exists(dir.log())) {
        Files.createDirectories(dir.keptLog().getParent());
        Files.move(dir.log(), dir.keptLog(), StandardCopyOption.REPLACE_EXISTING);
      }
      if (Files.exists(dir.eventsFile())) { // `jcl events NAME` still reads it after the stop
        Files.createDirectories(dir.keptEvents().getParent());
        Files.move(dir.eventsFile(), dir.keptEvents(), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException ignored) {
      // the log goes with the directory
    }
    dir.delete();
  }

  private static void writeQuietly(java.nio.file.Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException ignored) {
      // only a convenience for `jcl run --detach`
    }
  }
}
