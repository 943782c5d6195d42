package io.jcl.ipc;

import com.fasterxml.jackson.core.JsonParser;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;

/**
 * Reads the event-bus bridge framing (4-byte big-endian length, then UTF-8 JSON) with a size limit.
 * Unlike the bridge's own parser, a bad frame is reported and skipped and the link stays usable: an
 * oversize frame is counted past, never buffered, so a length of 2 GB costs no memory.
 */
public final class FrameReader implements Handler<Buffer> {

  private final long maxFrame;
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
    this.maxFrame = maxFrame;
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
      frame = JacksonCodec.fromParser(parser(record), Object.class);
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
