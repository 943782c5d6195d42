package io.jcl.ipc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the event-bus bridge framing (4-byte big-endian length, then UTF-8 JSON) with a size limit.
 * Unlike the bridge's own parser, a bad frame is reported and skipped and the link stays usable: an
 * oversize frame is counted past, never buffered, so a length of 2 GB costs no memory.
 */
public final class FrameReader implements Handler<Buffer> {

  private final long maxFrame;
  /** Object and array bodies stay bytes ({@link RawJson}): the primary's hub relays them. */
  private final boolean rawBodies;
  private final Handler<JsonObject> onFrame;
  private final Handler<String> onError;
  private final byte[] head = new byte[4];
  private int headFill;
  /** The frame being assembled across chunks, or null between frames. */
  private Buffer partial;
  private int expected;
  /** Bytes of an oversize frame still to pass over. */
  private long skip;
  private boolean stopped;

  public FrameReader(long maxFrame, Handler<JsonObject> onFrame, Handler<String> onError) {
    this(maxFrame, false, onFrame, onError);
  }

  public FrameReader(long maxFrame, boolean rawBodies, Handler<JsonObject> onFrame, Handler<String> onError) {
    this.maxFrame = maxFrame;
    this.rawBodies = rawBodies;
    this.onFrame = onFrame;
    this.onError = onError;
  }

  /** Ignores everything from now on (the link is being closed). */
  public void stop() {
    stopped = true;
  }

  @Override
  public void handle(Buffer chunk) {
    int pos = 0;
    int n = chunk.length();
    while (pos < n && !stopped) {
      if (skip > 0) {
        int k = (int) Math.min(skip, n - pos);
        skip -= k;
        pos += k;
      } else if (partial != null) {
        int k = Math.min(expected - partial.length(), n - pos);
        partial.appendBuffer(chunk, pos, k);
        pos += k;
        if (partial.length() == expected) {
          Buffer frame = partial;
          partial = null;
          decode(frame);
        }
      } else if (headFill < 4) {
        head[headFill++] = chunk.getByte(pos++);
        if (headFill == 4) {
          headFill = 0;
          long length = (head[0] & 0xffL) << 24 | (head[1] & 0xffL) << 16 | (head[2] & 0xffL) << 8 | head[3] & 0xffL;
          if (length == 0) {
            onError.handle("empty frame");
          } else if (length > maxFrame) {
            skip = length;
            onError.handle("frame of " + length + " bytes is over the limit of " + maxFrame);
          } else if (n - pos >= length) {
            decode(chunk.slice(pos, pos + (int) length)); // whole frame in this chunk: no copy
            pos += (int) length;
          } else {
            expected = (int) length;
            partial = Buffer.buffer(expected);
          }
        }
      }
    }
  }

  private void decode(Buffer record) {
    Object frame;
    try {
      frame = rawBodies ? withRawBody(record) : JacksonCodec.fromParser(parser(record), Object.class);
    } catch (IOException | DecodeException e) {
      frame = null;
    }
    if (frame instanceof JsonObject object) {
      onFrame.handle(object);
    } else {
      onError.handle("malformed frame: not a JSON object");
    }
  }

  /**
   * The frame's fields as values, except an object or array body: Jackson still reads it through
   * (so malformed JSON is refused here, as before), but it is kept as its bytes.
   */
  private static JsonObject withRawBody(Buffer record) throws IOException {
    ByteBuf bytes = ((BufferInternal) record).getByteBuf();
    byte[] array = bytes.hasArray() ? bytes.array() : record.getBytes();
    int offset = bytes.hasArray() ? bytes.arrayOffset() + bytes.readerIndex() : 0;
    try (JsonParser json = Frames.JSON.createParser(array, offset, record.length())) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonObject frame = new JsonObject();
      for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
        JsonToken token = json.nextToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          int start = offset + (int) json.currentTokenLocation().getByteOffset(); // relative to offset
          json.skipChildren();
          RawJson raw = new RawJson(Arrays.copyOfRange(array, start, offset + (int) json.currentLocation().getByteOffset()));
          frame.put(field, field.equals("body") ? raw : raw.decode());
        } else {
          frame.put(field, scalar(json, token));
        }
      }
      return json.nextToken() == null ? frame : null;
    }
  }

  private static Object scalar(JsonParser json, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> json.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new DecodeException("unexpected " + token);
    };
  }

  /**
   * Jackson reads the frame where it lies: {@code new JsonObject(buffer)} wrapped it in two ByteBufs and an
   * InputStream and copied it into the parser's own buffer, garbage for every frame the primary relays.
   */
  private static JsonParser parser(Buffer record) throws IOException {
    ByteBuf bytes = ((BufferInternal) record).getByteBuf();
    if (bytes.hasArray()) {
      return Frames.JSON.createParser(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
    }
    return Frames.JSON.createParser(record.getBytes());
  }
}
