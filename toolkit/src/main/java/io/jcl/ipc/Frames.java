package io.jcl.ipc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.eventbus.bridge.tcp.impl.protocol.FrameHelper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Frames of the control link, in the event-bus bridge's shape: {@code {type, address, body}}. */
public final class Frames {

  /** Worker → primary: first frame, proves the worker is the one the primary spawned. */
  public static final String HELLO = "jcl.hello";
  /** Primary → worker: the hello was accepted. */
  public static final String WELCOME = "jcl.welcome";
  /** Worker → primary: a lifecycle state change (LISTENING; DRAINING, asked for or on SIGTERM). */
  public static final String STATE = "jcl.state";
  /** Worker → primary: periodic health sample. */
  public static final String HEARTBEAT = "jcl.heartbeat";
  /** Primary → standby worker: you are slot N now; start serving. */
  public static final String ASSIGN = "jcl.assign";
  /**
   * Primary → worker: drain (take no new connection, finish what is in flight, close keep-alive
   * connections after their next response), then exit. The worker answers with state DRAINING.
   */
  public static final String DRAIN = "jcl.drain";

  private Frames() {
  }

  public static void send(WriteStream<Buffer> link, String address, JsonObject body) {
    FrameHelper.writeFrame(new JsonObject().put("type", "send").put("address", address).put("body", body), link);
  }

  public static void message(WriteStream<Buffer> link, String address, JsonObject body) {
    FrameHelper.writeFrame(new JsonObject().put("type", "message").put("address", address).put("body", body), link);
  }

  public static void error(WriteStream<Buffer> link, String message) {
    FrameHelper.sendErrFrame(message, link);
  }

  /**
   * The frame with its length in front, ready to write (encoded once, by the caller's thread). Frames and
   * their bodies are small: written here byte by byte behind the length, where a Jackson generator per
   * frame (its context, its recycled buffers; before it {@code toBuffer()} and a copy) made most of the
   * garbage the primary's small young generation collected every few milliseconds under load. Jackson
   * still writes what is not a string, an integer, a boolean, null, an object or an array (a double, an
   * Instant). A {@link RawJson} body is its own bytes.
   */
  public static Buffer encode(JsonObject frame) {
    ByteBuf out = VertxByteBufAllocator.DEFAULT.heapBuffer(FRAME_SIZE_HINT).writeInt(0);
    appendValue(out, frame, 0);
    return BufferInternal.buffer(out.setInt(0, out.writerIndex() - 4));
  }

  /** A relayed request with its envelope is about 110 bytes; a bigger frame grows its buffer. */
  private static final int FRAME_SIZE_HINT = 128;

  /** As deep as Jackson's own limit on what it reads (and writes). */
  private static final int MAX_DEPTH = 1000;

  private static void appendValue(ByteBuf out, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new EncodeException("a body nested deeper than " + MAX_DEPTH + " levels");
    }
    if (value instanceof RawJson raw) {
      out.writeBytes(raw.bytes());
    } else if (value instanceof String s) {
      appendString(out, s);
    } else if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.writeCharSequence(String.valueOf(value), StandardCharsets.US_ASCII);
    } else if (value instanceof JsonObject || value instanceof Map) {
      Map<?, ?> map = value instanceof JsonObject o ? o.getMap() : (Map<?, ?>) value;
      out.writeByte('{');
      boolean first = true;
      for (Map.Entry<?, ?> field : map.entrySet()) {
        if (!first) {
          out.writeByte(',');
        }
        first = false;
        appendString(out, String.valueOf(field.getKey()));
        out.writeByte(':');
        appendValue(out, field.getValue(), depth + 1);
      }
      out.writeByte('}');
    } else if (value instanceof JsonArray || value instanceof List) {
      List<?> list = value instanceof JsonArray a ? a.getList() : (List<?>) value;
      out.writeByte('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.writeByte(',');
        }
        appendValue(out, list.get(i), depth + 1);
      }
      out.writeByte(']');
    } else {
      try (JsonGenerator json = JSON.createGenerator((OutputStream) new ByteBufOutputStream(out))) {
        JacksonCodec.encodeJson(value, json);
      } catch (IOException e) {
        throw new EncodeException(e.getMessage(), e);
      }
    }
  }

  /** A JSON string: as it is when it is printable ASCII with nothing to escape (addresses are), else Jackson's escaping. */
  private static void appendString(ByteBuf out, String s) {
    out.writeByte('"');
    boolean plain = true;
    for (int i = 0; i < s.length() && plain; i++) {
      char c = s.charAt(i);
      plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    }
    if (plain) {
      out.writeCharSequence(s, StandardCharsets.US_ASCII); // no byte[] on the way, unlike getBytes
    } else {
      out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(s));
    }
    out.writeByte('"');
  }

  /** Jackson with its defaults, as Vert.x's own codec has them (same read limits). */
  static final JsonFactory JSON = new JsonFactory();

  /** An {@code err} frame in the bridge's shape. */
  public static JsonObject err(String message) {
    return new JsonObject().put("type", "err").put("message", message);
  }

  /** The bridge's answer to a failed request: {@code err} to the reply address, with the failure. */
  public static JsonObject failedReply(String replyAddress, String address, ReplyException e) {
    return new JsonObject().put("type", "err").put("address", replyAddress).put("sourceAddress", address)
        .put("failureCode", e.failureCode()).put("failureType", e.failureType().name()).put("message", e.getMessage());
  }
}
