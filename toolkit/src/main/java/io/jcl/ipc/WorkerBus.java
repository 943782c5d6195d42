package io.jcl.ipc;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker's end of the cluster bus. Consumers are local consumers on the worker's own event bus (so
 * several in one worker share a send and all get a publish), registered once per address with the
 * primary, which relays every message; a request waits for its reply by a reply address of its own.
 * Calls may come from any thread: a body is checked and encoded by the caller, written to the link by
 * its event loop.
 */
public final class WorkerBus implements ClusterBus {

  private final EventBus local;
  private final WriteStream<Buffer> link;
  private final int slot;
  private final String slotPrefix;
  private final long maxFrame;
  private final Map<String, Promise<Message<Object>>> pending = new ConcurrentHashMap<>();
  private final Map<String, Integer> registered = new HashMap<>();
  private final AtomicLong ids = new AtomicLong();

  public WorkerBus(Vertx vertx, WriteStream<Buffer> link, int slot, long maxFrame) {
    this.local = vertx.eventBus();
    ScriptBodyCodecs.register(local);
    this.link = link;
    this.slot = slot;
    this.slotPrefix = Addresses.toSlot(slot, "");
    this.maxFrame = maxFrame;
    CurrentBus.bus = this;
  }

  @Override
  public void send(String address, Object body) {
    write(frame("send", address).put("body", Bodies.check(body)));
  }

  @Override
  public void publish(String address, Object body) {
    write(frame("publish", address).put("body", Bodies.check(body)));
  }

  @Override
  public Future<Message<Object>> request(String address, Object body, Duration timeout) {
    String id = Addresses.REPLY + ids.incrementAndGet();
    JsonObject frame = frame("send", address).put("body", Bodies.check(body)).put("replyAddress", id);
    if (timeout.toMillis() != BusLink.DEFAULT_TIMEOUT_MS) {
      // Without the header both the primary and the consumer's worker assume the default: the usual
      // request then carries no headers, which each hop would parse, copy and encode again.
      frame.put("headers", new JsonObject().put(Addresses.TIMEOUT_HEADER, Long.toString(timeout.toMillis())));
    }
    Promise<Message<Object>> reply = Promise.promise();
    pending.put(id, reply);
    try {
      write(frame);
    } catch (RuntimeException e) {
      pending.remove(id);
      throw e;
    }
    return reply.future();
  }

  @Override
  public void toWorker(int slot, String address, Object body) {
    send(Addresses.toSlot(slot, address), body);
  }

  @Override
  public void toPrimary(String address, Object body) {
    send(Addresses.toPrimary(address), body);
  }

  @Override
  public MessageConsumer<Object> consumer(String address, Handler<Message<Object>> handler) {
    MessageConsumer<Object> consumer = local.localConsumer(address, handler);
    synchronized (registered) {
      if (registered.merge(address, 1, Integer::sum) == 1) {
        write(frame("register", address));
        write(frame("register", Addresses.toSlot(slot, address)));
      }
    }
    return consumer;
  }

  /** A frame from the primary that is not a control frame: a message, a reply, an error. */
  public void deliver(JsonObject frame) {
    String address = frame.getString("address");
    if ("err".equals(frame.getString("type"))) {
      Promise<Message<Object>> p = address == null ? null : pending.remove(address);
      if (p != null) {
        p.fail(new ReplyException(failureType(frame.getString("failureType")), frame.getInteger("failureCode", -1),
            frame.getString("message")));
      } else {
        System.err.println("jcl: ipc: the primary refused a message: " + frame.getString("message"));
      }
      return;
    }
    if (address == null) {
      return;
    }
    Promise<Message<Object>> p = pending.remove(address);
    if (p != null) {
      p.complete(new RelayedReply(address, frame.getJsonObject("headers"), frame.getValue("body")));
      return;
    }
    String target = address.startsWith(slotPrefix) ? address.substring(slotPrefix.length()) : address;
    Object body = frame.getValue("body");
    String replyAddress = frame.getString("replyAddress");
    JsonObject headers = frame.getJsonObject("headers");
    DeliveryOptions options = new DeliveryOptions();
    if (headers != null) {
      options.setHeaders(headers(headers)); // without, the message makes its (empty) headers only if asked
    }
    if (replyAddress != null) {
      options.setSendTimeout(BusLink.timeout(headers));
      local.request(target, body, options).onComplete(ar -> {
        JsonObject answer = frame("send", replyAddress);
        if (ar.succeeded()) {
          answer.put("body", ar.result().body());
        } else {
          ReplyException e = ar.cause() instanceof ReplyException r ? r : null;
          answer.put("failure", new JsonObject().put("code", e == null ? 500 : e.failureCode())
              .put("message", String.valueOf(ar.cause().getMessage())));
        }
        try {
          write(answer);
        } catch (RuntimeException e) {
          write(frame("send", replyAddress).put("failure", new JsonObject().put("code", 500)
              .put("message", "the reply could not be sent: " + e.getMessage())));
        }
      });
    } else if (frame.getBoolean("send", true)) {
      local.send(target, body, options);
    } else {
      local.publish(target, body, options);
    }
  }

  private static JsonObject frame(String type, String address) {
    return new JsonObject().put("type", type).put("address", address);
  }

  private void write(JsonObject frame) {
    Buffer encoded = Frames.encode(frame);
    if (encoded.length() - 4 > maxFrame) {
      throw new IllegalArgumentException("IPC message to '" + frame.getString("address") + "' is " + (encoded.length() - 4)
          + " bytes, over cluster.ipc.maxFrame (" + maxFrame + ")");
    }
    link.write(encoded);
  }

  /** A frame's headers (or null: none) as a message's. */
  static MultiMap headers(JsonObject fields) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (fields != null) {
      fields.forEach(e -> headers.add(e.getKey(), String.valueOf(e.getValue())));
    }
    return headers;
  }

  private static ReplyFailure failureType(String name) {
    try {
      return name == null ? ReplyFailure.ERROR : ReplyFailure.valueOf(name);
    } catch (IllegalArgumentException e) {
      return ReplyFailure.ERROR;
    }
  }
}
