package io.jcl.ipc;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;

/**
 * A worker's object or array body as the JSON bytes it arrived in. The primary relays most bodies from
 * one worker's link to another's untouched: building them as JsonObjects, copying them on its bus (the
 * JSON codecs copy on every local delivery) and encoding them again was most of the garbage that made
 * its small young generation collect 100+ times a second under bench/ipc. The bytes were checked to be
 * well-formed JSON when the frame was read; whatever on the primary reads a body gets it decoded.
 */
public final class RawJson {

  private final byte[] bytes;

  RawJson(byte[] bytes) {
    this.bytes = bytes;
  }

  byte[] bytes() {
    return bytes;
  }

  /** The body as a JsonObject or JsonArray. */
  public Object decode() {
    try {
      return JacksonCodec.fromParser(Frames.JSON.createParser(bytes), Object.class);
    } catch (IOException e) {
      throw new DecodeException(e.getMessage(), e);
    }
  }

  /** {@code body} itself, or the value a RawJson stands for. */
  public static Object value(Object body) {
    return body instanceof RawJson raw ? raw.decode() : body;
  }

  /** {@code m} as the primary's own consumers and requesters see it: with its body decoded. */
  public static <T> Message<T> decoded(Message<T> m) {
    return m.body() instanceof RawJson ? new Decoded<>(m) : m;
  }

  @Override
  public String toString() {
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Lets a RawJson travel the primary's bus: as itself on this host (it is immutable), as its bytes to
   * another host's primary.
   */
  static void register(EventBus bus) {
    try {
      bus.registerDefaultCodec(RawJson.class, new Codec());
    } catch (IllegalStateException e) {
      // registered already (the hub and the primary's bus share one event bus)
    }
  }

  private static final class Codec implements MessageCodec<RawJson, RawJson> {

    @Override
    public void encodeToWire(Buffer buffer, RawJson raw) {
      buffer.appendInt(raw.bytes.length).appendBytes(raw.bytes);
    }

    @Override
    public RawJson decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      return new RawJson(buffer.getBytes(pos + 4, pos + 4 + length));
    }

    @Override
    public RawJson transform(RawJson raw) {
      return raw;
    }

    @Override
    public String name() {
      return "jcl.raw-json";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

  /** A message whose body is decoded once, on first use; everything else is the message's own. */
  private static final class Decoded<T> implements Message<T> {
    private final Message<T> m;
    private T body;

    Decoded(Message<T> m) {
      this.m = m;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T body() {
      if (body == null) {
        body = (T) ((RawJson) m.body()).decode();
      }
      return body;
    }

    @Override
    public String address() {
      return m.address();
    }

    @Override
    public MultiMap headers() {
      return m.headers();
    }

    @Override
    public String replyAddress() {
      return m.replyAddress();
    }

    @Override
    public boolean isSend() {
      return m.isSend();
    }

    @Override
    public void reply(Object message, DeliveryOptions options) {
      m.reply(message, options);
    }

    @Override
    public <R> Future<Message<R>> replyAndRequest(Object message, DeliveryOptions options) {
      return m.replyAndRequest(message, options);
    }

    @Override
    public void fail(int failureCode, String message) {
      m.fail(failureCode, message);
    }
  }
}
