package io.jcl.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written envelope encoding and the primary's raw-body reading agree with plain JSON. */
class FramesTest {

  @Test
  void anEncodedFrameIsTheJsonOfItsFields() {
    JsonObject frame = new JsonObject().put("type", "message").put("address", "a\"b\\c\u0001é\u2028")
        .put("send", true).put("n", 42).put("big", Long.MAX_VALUE).put("x", 1.5).put("none", null)
        .put("headers", new JsonObject().put("k", "v"))
        .put("body", new JsonArray().add(1).add("two").add(new JsonObject().put("deep", new JsonArray().add(false).addNull())));
    Buffer encoded = Frames.encode(frame);
    assertEquals(encoded.length() - 4, encoded.getInt(0));
    assertEquals(frame, new JsonObject(encoded.getBuffer(4, encoded.length())));
  }

  @Test
  void aRawBodyIsRelayedAsItsBytes() {
    List<JsonObject> frames = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    FrameReader reader = new FrameReader(1 << 20, true, frames::add, errors::add);
    Buffer body = Buffer.buffer("{\"n\": [1, {\"m\": \"é\"}]}");
    // Two frames in one chunk: the second one's body lies at an offset inside the chunk.
    reader.handle(Frames.encode(new JsonObject().put("type", "ping")).appendBuffer(
        frame("{\"type\":\"send\",\"address\":\"a\",\"body\":" + body + ",\"headers\":{\"h\":\"1\"}}")));
    assertEquals(List.of(), errors);
    JsonObject sent = frames.get(1);
    RawJson raw = assertInstanceOf(RawJson.class, sent.getValue("body"));
    assertEquals(body.toString(), raw.toString());
    assertEquals(new JsonObject(body), raw.decode());
    assertEquals(new JsonObject().put("h", "1"), sent.getJsonObject("headers"), "other objects are values");

    Buffer relayed = Frames.encode(new JsonObject().put("type", "message").put("body", raw));
    assertEquals(new JsonObject(body), new JsonObject(relayed.getBuffer(4, relayed.length())).getJsonObject("body"));
  }

  @Test
  void malformedJsonInARawBodyIsRefused() {
    List<JsonObject> frames = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    FrameReader reader = new FrameReader(1 << 20, true, frames::add, errors::add);
    reader.handle(frame("{\"type\":\"send\",\"address\":\"a\",\"body\":{\"n\":}}"));
    reader.handle(frame("{\"type\":\"send\",\"address\":\"a\",\"body\":[1,2}"));
    reader.handle(frame("{\"type\":\"send\",\"address\":\"a\",\"body\":{}} trailing"));
    reader.handle(frame("{\"type\":\"send\",\"address\":\"a\",\"body\":null}"));
    assertEquals(3, errors.size(), errors.toString());
    assertEquals(1, frames.size());
    assertNull(frames.get(0).getValue("body"), "a null body is left for FrameCheck to refuse");
  }

  private static Buffer frame(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer().appendInt(bytes.length).appendBytes(bytes);
  }
}
