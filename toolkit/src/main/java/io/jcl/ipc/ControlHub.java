package io.jcl.ipc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;

/**
 * The primary's end of the control links: a Unix domain socket in the private runtime dir. A link
 * counts only after a hello carrying the token its worker was spawned with; a bad frame gets an
 * {@code err} frame and never closes the hub or another worker's link.
 */
public final class ControlHub {

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
  private final Listener listener;
  private NetServer server;

  public ControlHub(Vertx vertx, long maxFrame, Listener listener) {
    this.vertx = vertx;
    this.maxFrame = maxFrame;
    this.listener = listener;
  }

  public Future<Void> listen(Path socket) {
    server = vertx.createNetServer().connectHandler(this::accept);
    return server.listen(SocketAddress.domainSocketAddress(socket.toString())).mapEmpty();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void accept(NetSocket link) {
    boolean[] welcomed = {false};
    link.handler(new FrameReader(maxFrame, frame -> {
      String type = frame.getString("type", "");
      String address = frame.getString("address");
      if ("ping".equals(type)) {
        Frames.message(link, "pong", new JsonObject());
        return;
      }
      JsonObject body = frame.getValue("body") instanceof JsonObject b ? b : new JsonObject();
      if (!welcomed[0]) {
        if ("send".equals(type) && Frames.HELLO.equals(address)) {
          welcomed[0] = listener.hello(body, link);
          if (!welcomed[0]) {
            Frames.error(link, "hello refused: unknown or stale token");
            link.close();
          } else {
            Frames.message(link, Frames.WELCOME, new JsonObject());
          }
        } else {
          Frames.error(link, "say hello first");
        }
        return;
      }
      if (!"send".equals(type)) {
        Frames.error(link, "unsupported frame type '" + type + "'");
      } else if (Frames.STATE.equals(address)) {
        listener.state(link, body);
      } else if (Frames.HEARTBEAT.equals(address)) {
        listener.heartbeat(link, body);
      } else {
        Frames.error(link, "unknown address '" + address + "'");
      }
    }, problem -> Frames.error(link, problem)));
    link.closeHandler(v -> {
      if (welcomed[0]) {
        listener.closed(link);
      }
    });
    link.exceptionHandler(e -> link.close());
  }
}
