package io.jcl.worker;

import io.jcl.ipc.FrameReader;
import io.jcl.ipc.FlushCoalescing;
import io.jcl.ipc.Frames;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;

/**
 * The worker's end of its control link: hello with the token, state changes, heartbeats; and the one
 * rule that keeps orphans away: when the link closes, the primary is gone and so is this worker.
 */
final class ControlLink {

  private final Vertx vertx;
  /** Held for the worker's life: Vert.x closes a client (and its sockets) once it is unreachable. */
  private NetClient client;
  /** Written on the link's event loop, read by whoever sends (a drain starts on the signal thread). */
  private volatile NetSocket socket;
  /** The socket's context: heartbeats are timed there, so a late heartbeat means this very loop is stuck. */
  private volatile io.vertx.core.Context context;

  ControlLink(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Connects and completes once the primary accepted the hello. */
  Future<Void> open(Path socketPath, JsonObject hello, Handler<JsonObject> onMessage, Runnable onClose) {
    Promise<Void> welcomed = Promise.promise();
    client = vertx.createNetClient();
    return client
        .connect(SocketAddress.domainSocketAddress(socketPath.toString()))
        .compose(s -> {
          socket = s;
          context = vertx.getOrCreateContext(); // called back on the socket's own context
          FlushCoalescing.install(s);
          s.handler(new FrameReader(Long.MAX_VALUE, frame -> {
            if ("err".equals(frame.getString("type")) && !welcomed.future().isComplete()) {
              welcomed.tryFail("primary refused: " + frame.getString("message"));
            } else if (Frames.WELCOME.equals(frame.getString("address"))) {
              welcomed.tryComplete();
            } else {
              onMessage.handle(frame);
            }
          }, err -> System.err.println("bad frame from primary: " + err)));
          s.closeHandler(v -> onClose.run());
          Frames.send(s, Frames.HELLO, hello);
          return welcomed.future();
        });
  }

  io.vertx.core.Context context() {
    return context;
  }

  /** The link itself, for the cluster bus's frames. */
  NetSocket socket() {
    return socket;
  }

  void send(String address, JsonObject body) {
    if (socket != null) {
      Frames.send(socket, address, body);
    }
  }
}
