package io.jcl.ipc;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;

/**
 * Reads the event-bus bridge framing (4-byte big-endian length, then UTF-8 JSON) with a size limit.
 * Unlike the bridge's own parser, a bad frame is reported and skipped: the link stays usable.
 */
public final class FrameReader implements Handler<Buffer> {

  private final RecordParser parser;
  private final long maxFrame;
  private final Handler<JsonObject> onFrame;
  private final Handler<String> onError;
  private int expected = -1;
  private boolean skipping;

  public FrameReader(long maxFrame, Handler<JsonObject> onFrame, Handler<String> onError) {
    this.maxFrame = maxFrame;
    this.onFrame = onFrame;
    this.onError = onError;
    this.parser = RecordParser.newFixed(4, this::record);
  }

  @Override
  public void handle(Buffer chunk) {
    parser.handle(chunk);
  }

  private void record(Buffer record) {
    if (expected < 0) {
      long length = record.getUnsignedInt(0);
      if (length == 0) {
        onError.handle("empty frame");
        return;
      }
      skipping = length > maxFrame;
      if (skipping) {
        onError.handle("frame of " + length + " bytes is over the limit of " + maxFrame);
      }
      expected = (int) Math.min(length, Integer.MAX_VALUE);
      parser.fixedSizeMode(expected);
      return;
    }
    expected = -1;
    parser.fixedSizeMode(4);
    if (skipping) {
      skipping = false;
      return;
    }
    JsonObject frame;
    try {
      frame = new JsonObject(record);
    } catch (DecodeException | ClassCastException e) {
      onError.handle("malformed frame: not a JSON object");
      return;
    }
    onFrame.handle(frame);
  }
}
