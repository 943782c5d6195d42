package io.jcl.ipc;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One worker's link on the primary's event bus, as the bridge serves it: a {@code register} is a
 * consumer on the primary's bus (so a {@code send} round-robins over the workers consuming an
 * address), a {@code send} with a {@code replyAddress} is {@code eventBus().request}. Unlike the bridge
 * it remembers the requests its worker still has to answer, so they fail the moment the link closes
 * instead of at their timeout. Owned by the primary's context.
 */
final class BusLink {

  /** The failure code of a request refused or lost on the way to a worker. */
  static final int WORKER_GONE = 503;
  static final int NOT_READING = 429;
  /** A request's timeout when it names none (no {@link Addresses#TIMEOUT_HEADER}), on every hop alike. */
  static final long DEFAULT_TIMEOUT_MS = 30_000;

  private final EventBus bus;
  private final Requester requester;
  private final Outbox out;
  private final IpcStats stats;
  private final long pid;
  private final Map<String, MessageConsumer<Object>> consumers = new HashMap<>();
  /** Requests delivered to the worker and not answered yet, by the reply address it was given. */
  private final Map<String, Waiting> waiting = new HashMap<>();
  private long nextReply;
  private boolean closed;

  private record Waiting(Message<Object> message, long deadlineNanos) {
  }

  BusLink(EventBus bus, Requester requester, Outbox out, IpcStats stats, long pid) {
    this.bus = bus;
    this.requester = requester;
    this.out = out;
    this.stats = stats;
    this.pid = pid;
  }

  /** A checked frame ({@link FrameCheck}) of type send, publish, register or unregister. */
  void handle(JsonObject frame) {
    String type = frame.getString("type");
    String address = frame.getString("address");
    if (type.equals("send")) {
      Waiting w = waiting.remove(address);
      if (w != null) {
        answer(w.message, frame);
        return;
      }
      if (address.startsWith(Addresses.REPLY)) {
        return; // an answer after its requester gave up: nobody waits for it
      }
    }
    String refused = type.endsWith("register") ? Addresses.refusedRegister(address) : Addresses.refusedSend(address);
    if (refused != null) {
      out.write(Frames.err(refused).put("address", address));
      return;
    }
    switch (type) {
      case "send" -> send(address, frame);
      case "publish" -> bus.publish(address, frame.getValue("body"), options(frame).setLocalOnly(Addresses.hostLocal(address)));
      case "register" -> consumers.computeIfAbsent(address,
          a -> Addresses.hostLocal(a) ? bus.localConsumer(a, this::deliver) : bus.consumer(a, this::deliver));
      default -> {
        MessageConsumer<Object> c = consumers.remove(address);
        if (c == null) {
          out.write(Frames.err("not registered: '" + address + "'").put("address", address));
        } else {
          c.unregister();
        }
      }
    }
  }

  private void send(String address, JsonObject frame) {
    String replyAddress = frame.getString("replyAddress");
    DeliveryOptions options = options(frame).setLocalOnly(Addresses.hostLocal(address));
    if (replyAddress == null) {
      bus.send(address, frame.getValue("body"), options);
      return;
    }
    options.setSendTimeout(timeout(frame.getJsonObject("headers")));
    requester.request(bus, address, frame.getValue("body"), options).onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.succeeded()) {
        write(new JsonObject().put("type", "message").put("address", replyAddress).put("body", ar.result().body()),
            replyAddress, address);
      } else {
        ReplyException e = ar.cause() instanceof ReplyException r ? r
            : new ReplyException(ReplyFailure.ERROR, String.valueOf(ar.cause().getMessage()));
        out.write(Frames.failedReply(replyAddress, address, e));
      }
    });
  }

  /** The worker's answer to a request it was given: a reply, or a failure its handler reported. */
  private void answer(Message<Object> request, JsonObject frame) {
    JsonObject failure = frame.getJsonObject("failure");
    if (failure != null) {
      request.fail(failure.getInteger("code", 500), failure.getString("message", "failed"));
    } else if (frame.getValue("headers") == null) {
      request.reply(frame.getValue("body")); // the common reply: no options to build
    } else {
      request.reply(frame.getValue("body"), options(frame));
    }
  }

  /** A message on the primary's bus for an address this worker registered. */
  private void deliver(Message<Object> m) {
    if (closed) {
      return;
    }
    if (out.full()) {
      stats.refused(pid);
      if (m.replyAddress() != null) {
        m.fail(NOT_READING, "worker pid " + pid + " is not keeping up: its IPC queue is over cluster.ipc.maxQueued");
      }
      return;
    }
    JsonObject frame = new JsonObject().put("type", "message").put("address", m.address()).put("send", m.isSend())
        .put("body", m.body());
    if (!m.headers().isEmpty()) {
      JsonObject headers = new JsonObject();
      m.headers().forEach(headers::put);
      frame.put("headers", headers);
    }
    if (m.replyAddress() != null) {
      String id = Addresses.REPLY + (++nextReply);
      long timeout = timeout(frame.getJsonObject("headers"));
      waiting.put(id, new Waiting(m, System.nanoTime() + timeout * 1_000_000));
      frame.put("replyAddress", id);
    }
    stats.relayed();
    write(frame, frame.getString("replyAddress"), m.address());
  }

  /** Writes a frame whose body came from the bus: one JSON cannot carry fails its request instead. */
  private void write(JsonObject frame, String replyAddress, String address) {
    try {
      out.write(frame);
    } catch (EncodeException | IllegalStateException e) {
      Waiting w = replyAddress == null ? null : waiting.remove(replyAddress);
      if (w != null) {
        w.message.fail(500, "body for '" + address + "' is not JSON: " + e.getMessage());
      }
    }
  }

  /** Forgets requests whose requester has given up already (their worker never answered). */
  void sweep(long now) {
    for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
      if (now - it.next().deadlineNanos > 0) {
        it.remove();
      }
    }
  }

  /** The worker is gone: its consumers go, and every request it held fails now. */
  void close() {
    closed = true;
    consumers.values().forEach(MessageConsumer::unregister);
    consumers.clear();
    waiting.values().forEach(w -> w.message.fail(WORKER_GONE,
        "worker pid " + pid + " consuming '" + w.message.address() + "' exited before it replied"));
    waiting.clear();
  }

  private static DeliveryOptions options(JsonObject frame) {
    DeliveryOptions options = new DeliveryOptions();
    JsonObject headers = frame.getJsonObject("headers");
    if (headers != null) {
      headers.forEach(e -> options.addHeader(e.getKey(), (String) e.getValue()));
    }
    return options;
  }

  static long timeout(JsonObject headers) {
    if (headers == null || !(headers.getValue(Addresses.TIMEOUT_HEADER) instanceof String t)) {
      return DEFAULT_TIMEOUT_MS;
    }
    try {
      return Math.max(1, Long.parseLong(t));
    } catch (NumberFormatException e) {
      return DEFAULT_TIMEOUT_MS;
    }
  }
}
