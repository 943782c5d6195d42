package io.jcl.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input on a control link gets an {@code err} frame; the link and the hub keep working. */
@ExtendWith(VertxExtension.class)
class ControlHubTest {

  @Test
  void badFramesAreAnsweredAndNothingDies(Vertx vertx) throws Exception {
    Path dir = Files.createTempDirectory("hub");
    Path sock = dir.resolve("ipc.sock");
    List<String> states = new CopyOnWriteArrayList<>();
    ControlHub hub = new ControlHub(vertx, 1024, new ControlHub.Listener() {
      @Override
      public boolean hello(JsonObject body, NetSocket link) {
        return "secret".equals(body.getString("token"));
      }

      @Override
      public void state(NetSocket link, JsonObject body) {
        states.add(body.getString("state"));
      }

      @Override
      public void heartbeat(NetSocket link, JsonObject sample) {
      }

      @Override
      public void closed(NetSocket link) {
      }
    });
    hub.listen(sock).await();
    try {
      LinkedBlockingQueue<JsonObject> replies = new LinkedBlockingQueue<>();
      NetSocket link = vertx.createNetClient().connect(SocketAddress.domainSocketAddress(sock.toString())).await();
      link.handler(new FrameReader(1 << 20, replies::add, e -> { }));

      // Before the hello, a frame other than hello (or ping) ends the connection.
      NetSocket early = vertx.createNetClient().connect(SocketAddress.domainSocketAddress(sock.toString())).await();
      LinkedBlockingQueue<JsonObject> earlyReplies = new LinkedBlockingQueue<>();
      early.handler(new FrameReader(1 << 20, earlyReplies::add, e -> { }));
      Frames.send(early, Frames.STATE, new JsonObject().put("state", "LISTENING"));
      assertEquals("say hello first", next(earlyReplies).getString("message"));

      Frames.send(link, Frames.HELLO, new JsonObject().put("token", "secret").put("slot", 3));
      assertEquals(Frames.WELCOME, next(replies).getString("address"));

      link.write(Buffer.buffer().appendInt(5000).appendBytes(new byte[5000])); // over the 1024-byte limit
      assertEquals("frame of 5000 bytes is over the limit of 1024", next(replies).getString("message"));

      byte[] junk = "{not json".getBytes();
      link.write(Buffer.buffer().appendInt(junk.length).appendBytes(junk));
      assertEquals("malformed frame: not a JSON object", next(replies).getString("message"));

      byte[] bogus = "{\"type\":\"bogus-type\"}".getBytes();
      link.write(Buffer.buffer().appendInt(bogus.length).appendBytes(bogus));
      assertEquals("unsupported frame type 'bogus-type'", next(replies).getString("message"));

      byte[] typeless = "{\"address\":\"x\",\"body\":{}}".getBytes();
      link.write(Buffer.buffer().appendInt(typeless.length).appendBytes(typeless));
      assertEquals("frame without a type", next(replies).getString("message"));

      byte[] header = "{\"type\":\"send\",\"address\":\"x\",\"headers\":{\"h\":1},\"body\":{}}".getBytes();
      link.write(Buffer.buffer().appendInt(header.length).appendBytes(header));
      assertEquals("header 'h' must be a string", next(replies).getString("message"));

      // 2 GB announced: the link passes over it without buffering it (on a link of its own: it skips 2 GB).
      NetSocket huge = vertx.createNetClient().connect(SocketAddress.domainSocketAddress(sock.toString())).await();
      LinkedBlockingQueue<JsonObject> hugeReplies = new LinkedBlockingQueue<>();
      huge.handler(new FrameReader(1 << 20, hugeReplies::add, e -> { }));
      Frames.send(huge, Frames.HELLO, new JsonObject().put("token", "secret").put("slot", 4));
      assertEquals(Frames.WELCOME, next(hugeReplies).getString("address"));
      huge.write(Buffer.buffer().appendInt(Integer.MAX_VALUE).appendBytes(new byte[100]));
      assertEquals("frame of 2147483647 bytes is over the limit of 1024", next(hugeReplies).getString("message"));

      Frames.send(link, "no.such.address", new JsonObject());
      assertEquals("unknown address 'no.such.address'", next(replies).getString("message"));

      // After all that, the same link still works, and so does a new one.
      Frames.send(link, Frames.STATE, new JsonObject().put("state", "LISTENING"));
      NetSocket other = vertx.createNetClient().connect(SocketAddress.domainSocketAddress(sock.toString())).await();
      LinkedBlockingQueue<JsonObject> otherReplies = new LinkedBlockingQueue<>();
      other.handler(new FrameReader(1 << 20, otherReplies::add, e -> { }));
      Frames.send(other, Frames.HELLO, new JsonObject().put("token", "wrong").put("slot", 1));
      assertEquals("hello refused: unknown or stale token", next(otherReplies).getString("message"));
      long deadline = System.currentTimeMillis() + 5000;
      while (states.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(List.of("LISTENING"), states);
    } finally {
      hub.close().await();
    }
  }

  private static JsonObject next(LinkedBlockingQueue<JsonObject> q) throws InterruptedException {
    JsonObject f = q.poll(5, TimeUnit.SECONDS);
    if (f == null) {
      throw new AssertionError("no reply frame within 5 s");
    }
    return f;
  }
}
