package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client spoken by hand over a plain socket, so a test sees every frame and every reset:
 * Vert.x 5.0.7's own WebSocketClient drops the connection during the handshake even against a plain
 * single-process Vert.x server, so it cannot be the judge here.
 */
final class RawWebSocket implements AutoCloseable {

  /** A frame as it came off the wire: its opcode (0x1 text, 0x8 close) and its payload. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** A close frame's status code (RFC 6455 §5.5.1), or -1 when it carries none. */
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }
  }

  private static final byte[] MASK = {7, 42, 99, 5};
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Opens {@code path} on the loopback port and checks the 101 answer and its RFC 6455 accept key. */
  static RawWebSocket open(int port, String path) throws IOException {
    RawWebSocket ws = new RawWebSocket(new Socket("127.0.0.1", port));
    ws.socket.setSoTimeout(60_000);
    ws.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      head.append((char) ws.in.readUnsignedByte());
    }
    assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
    assertTrue(head.toString().contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), "RFC 6455 accept key: " + head);
    return ws;
  }

  /** One masked text frame, as a client must send it (payloads under 126 bytes). */
  void sendText(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[2 + 4 + bytes.length];
    frame[0] = (byte) 0x81; // FIN, text
    frame[1] = (byte) (0x80 | bytes.length);
    System.arraycopy(MASK, 0, frame, 2, 4);
    for (int i = 0; i < bytes.length; i++) {
      frame[6 + i] = (byte) (bytes[i] ^ MASK[i % 4]);
    }
    out.write(frame);
  }

  /** The next frame from the server (unmasked, payloads under 126 bytes); an EOF or a reset throws. */
  Frame read() throws IOException {
    int first = in.readUnsignedByte();
    int length = in.readUnsignedByte() & 0x7f;
    byte[] payload = new byte[length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
