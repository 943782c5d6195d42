package io.jcl.ipc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The primary's end of the control links: a Unix domain socket in the private runtime dir, serving the
 * event-bus bridge's protocol itself (see DESIGN.md, IPC). A link counts only after a hello carrying
 * the token its worker was spawned with; before that, anything else closes it. After it, control frames
 * go to the supervisor and bus frames to the link's {@link BusLink} on the primary's event bus. A bad
 * frame gets an {@code err} frame; nothing a client sends harms another link or the hub.
 */
public final class ControlHub {

  /** A client that connects and never says hello is closed after this. */
  private static final long HELLO_TIMEOUT_MS = 10_000;
  /** How often requests whose requester gave up are forgotten. */
  private static final long SWEEP_MS = 1_000;
  public static final long DEFAULT_MAX_QUEUED = 4L << 20;

  /**
   * What the supervisor learns from the links. A link is known by itself, not by a slot number: a
   * standby worker's link gets its slot only when the standby is taken.
   */
  public interface Listener {
    /** @return true when the hello's token is one the supervisor handed out */
    boolean hello(JsonObject body, NetSocket link);

    /** @param body {@code state}, and with LISTENING under proxy handoff the worker's private {@code port} */
    void state(NetSocket link, JsonObject body);

    void heartbeat(NetSocket link, JsonObject sample);

    void closed(NetSocket link);
  }

  private final Vertx vertx;
  private final long maxFrame;
  private final long maxQueued;
  private final Listener listener;
  /** The primary's event bus, or null for a hub that serves control frames only (AppCDS training). */
  private final EventBus bus;
  private final Requester requester;
  private final IpcStats stats = new IpcStats();
  private final Set<BusLink> links = new HashSet<>();
  private final Map<NetSocket, Link> open = new HashMap<>();
  private NetServer server;
  private long sweeper = -1;

  public ControlHub(Vertx vertx, long maxFrame, Listener listener) {
    this(vertx, maxFrame, DEFAULT_MAX_QUEUED, listener, null, Requester.PLAIN);
  }

  public ControlHub(Vertx vertx, long maxFrame, long maxQueued, Listener listener, EventBus bus, Requester requester) {
    this.vertx = vertx;
    this.maxFrame = maxFrame;
    this.maxQueued = maxQueued;
    this.listener = listener;
    this.bus = bus;
    this.requester = requester;
    if (bus != null) {
      RawJson.register(bus);
    }
  }

  public Future<Void> listen(Path socket) {
    server = vertx.createNetServer().connectHandler(this::accept);
    if (bus != null) {
      sweeper = vertx.setPeriodic(SWEEP_MS, id -> {
        long now = System.nanoTime();
        links.forEach(l -> l.sweep(now));
      });
    }
    return server.listen(SocketAddress.domainSocketAddress(socket.toString())).mapEmpty();
  }

  public Future<Void> close() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Relay figures for {@code jcl status}: links, messages relayed to workers, refused by back-pressure. */
  public JsonObject stats() {
    return stats.toJson(links.size());
  }

  /**
   * When this hub last read anything from {@code link} (System.nanoTime), or null for a link it does not
   * know. A heartbeat written behind a burst of bus messages arrives only after them: while the hub is
   * still reading that burst, the worker is evidently alive.
   */
  public Long lastReadNanos(NetSocket link) {
    Link l = open.get(link);
    return l == null ? null : l.lastReadNanos;
  }

  private void accept(NetSocket socket) {
    new Link(socket).start();
  }

  /** One connection, from its hello to its close. */
  private final class Link {
    private final NetSocket socket;
    private final Outbox out;
    private final FrameReader reader;
    private boolean welcomed;
    private BusLink busLink;
    private long lastReadNanos = System.nanoTime();

    Link(NetSocket socket) {
      this.socket = socket;
      FlushCoalescing.install(socket);
      this.out = new Outbox(socket, maxQueued);
      this.reader = new FrameReader(maxFrame, true, this::frame, this::problem);
    }

    void start() {
      open.put(socket, this);
      socket.handler(chunk -> {
        lastReadNanos = System.nanoTime(); // once per read, not per frame
        reader.handle(chunk);
      });
      long timer = vertx.setTimer(HELLO_TIMEOUT_MS, id -> {
        if (!welcomed) {
          refuse("no hello within " + HELLO_TIMEOUT_MS + "ms");
        }
      });
      socket.closeHandler(v -> {
        vertx.cancelTimer(timer);
        open.remove(socket);
        if (busLink != null) {
          links.remove(busLink);
          busLink.close();
        }
        if (welcomed) {
          listener.closed(socket);
        }
      });
      socket.exceptionHandler(e -> socket.close());
    }

    /** Before the hello a bad frame ends the connection: there is no worker to keep alive yet. */
    private void problem(String problem) {
      if (welcomed) {
        out.write(Frames.err(problem));
      } else {
        refuse(problem);
      }
    }

    private void refuse(String why) {
      reader.stop();
      out.write(Frames.err(why));
      socket.close();
    }

    private void frame(JsonObject frame) {
      String problem = FrameCheck.problem(frame);
      if (problem != null) {
        problem(problem);
        return;
      }
      String type = frame.getString("type");
      String address = frame.getString("address");
      if (type.equals("ping")) {
        out.write(new JsonObject().put("type", "pong"));
      } else if (!welcomed) {
        hello(type, address, frame);
      } else if (type.equals("send") && Frames.STATE.equals(address)) {
        listener.state(socket, body(frame));
      } else if (type.equals("send") && Frames.HEARTBEAT.equals(address)) {
        listener.heartbeat(socket, body(frame));
      } else if (busLink != null) {
        busLink.handle(frame);
      } else if (!type.equals("send")) {
        // no bus (AppCDS training): a worker's consumer registrations have nowhere to go, quietly
      } else {
        out.write(Frames.err("unknown address '" + address + "'"));
      }
    }

    private void hello(String type, String address, JsonObject frame) {
      if (!type.equals("send") || !Frames.HELLO.equals(address)) {
        refuse("say hello first");
        return;
      }
      JsonObject body = body(frame);
      boolean known;
      try {
        known = listener.hello(body, socket);
      } catch (ClassCastException e) {
        known = false; // a token or slot of the wrong type
      }
      if (!known) {
        refuse("hello refused: unknown or stale token");
        return;
      }
      welcomed = true;
      if (bus != null) {
        busLink = new BusLink(bus, requester, out, stats, body.getValue("pid") instanceof Number n ? n.longValue() : -1);
        links.add(busLink);
      }
      out.write(new JsonObject().put("type", "message").put("address", Frames.WELCOME).put("body", new JsonObject()));
    }

    private JsonObject body(JsonObject frame) {
      return RawJson.value(frame.getValue("body")) instanceof JsonObject b ? b : new JsonObject();
    }
  }
}
