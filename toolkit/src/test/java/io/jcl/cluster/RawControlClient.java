package io.jcl.cluster;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A hostile client of the primary's control socket: plain JDK socket calls, no jcl or Vert.x code, so it
 * sends exactly the bytes a test gives it.
 */
final class RawControlClient implements AutoCloseable {

  private final SocketChannel channel;

  RawControlClient(Path socket) throws IOException {
    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
  }

  void write(byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  void frame(String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    write(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());
  }

  /** The next frame the hub sends, or null when it closed the connection; fails after 10 s of silence. */
  JsonObject read() throws Exception {
    CompletableFuture<JsonObject> next = CompletableFuture.supplyAsync(() -> {
      try {
        ByteBuffer head = ByteBuffer.allocate(4);
        if (!fill(head)) {
          return null;
        }
        ByteBuffer body = ByteBuffer.allocate(head.flip().getInt());
        return fill(body) ? new JsonObject(new String(body.array(), StandardCharsets.UTF_8)) : null;
      } catch (IOException e) {
        return null; // reset by the hub: closed too
      }
    });
    try {
      return next.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the hub neither answered nor closed within 10 s");
    }
  }

  /** True once the hub has closed this connection (reads to the end, bounded by {@link #read}). */
  boolean closedByHub() throws Exception {
    while (true) {
      if (read() == null) {
        return true;
      }
    }
  }

  private boolean fill(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes ping frames without ever reading the pongs, until the hub stops reading this connection
   * (nothing more fits for a while) or {@code maxMs} pass. @return bytes written
   */
  long floodWithoutReading(long maxMs) throws IOException {
    channel.configureBlocking(false);
    byte[] ping = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    ByteBuffer one = ByteBuffer.allocate(4 + ping.length).putInt(ping.length).put(ping);
    ByteBuffer batch = ByteBuffer.allocate(one.capacity() * 1024);
    for (int i = 0; i < 1024; i++) {
      batch.put(one.array());
    }
    long written = 0;
    long end = System.currentTimeMillis() + maxMs;
    long stuckSince = -1;
    while (System.currentTimeMillis() < end) {
      if (!batch.hasRemaining()) {
        batch.clear();
      }
      int n = channel.write(batch);
      written += n;
      if (n > 0) {
        stuckSince = -1;
      } else if (stuckSince < 0) {
        stuckSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - stuckSince > 500) {
        break; // the hub stopped reading us: the point of the test
      } else {
        sleepQuietly(10);
      }
    }
    channel.configureBlocking(true);
    return written;
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
