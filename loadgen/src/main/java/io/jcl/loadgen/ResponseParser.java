package io.jcl.loadgen;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An incremental HTTP/1.1 response parser that keeps only what the generator needs: the status, the
 * worker header, whether the server will close, and where the response ends (Content-Length, chunked,
 * or end of connection). Bodies are skipped, never copied; header values other than the worker's are
 * never turned into Strings, and worker ids are interned so a response allocates nothing here.
 */
final class ResponseParser {
  /** Called once per complete response, on the connection's event loop. */
  interface Listener {
    void onResponse(int status, String worker, boolean close);
  }

  static final class ProtocolException extends Exception {
    ProtocolException(String message) {
      super(message, null, false, false);
    }
  }

  private static final int STATUS = 0;
  private static final int HEADERS = 1;
  private static final int BODY_FIXED = 2;
  private static final int CHUNK_SIZE = 3;
  private static final int CHUNK_DATA = 4;
  private static final int CHUNK_DATA_END = 5;
  private static final int TRAILERS = 6;
  private static final int BODY_UNTIL_CLOSE = 7;

  private static final byte[] CONTENT_LENGTH = bytes("content-length");
  private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
  private static final byte[] CONNECTION = bytes("connection");
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_INTERNED = 256;

  private final Listener listener;
  private final byte[] workerHeader;
  private final boolean head;
  private final byte[] line = new byte[MAX_LINE];
  private int lineLength;
  private int state = STATUS;
  private int status;
  private long contentLength;
  private long remaining;
  private boolean chunked;
  private boolean close;
  private String worker;
  private final byte[][] internedBytes = new byte[MAX_INTERNED][];
  private final String[] internedStrings = new String[MAX_INTERNED];
  private int interned;

  ResponseParser(Listener listener, String workerHeader, boolean headRequests) {
    this.listener = listener;
    this.workerHeader = bytes(workerHeader.toLowerCase(Locale.ROOT));
    this.head = headRequests;
    reset();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void reset() {
    state = STATUS;
    lineLength = 0;
    status = 0;
    contentLength = -1;
    remaining = 0;
    chunked = false;
    close = false;
    worker = null;
  }

  /** True when bytes of a response have arrived that it has not completed yet. */
  boolean midResponse() {
    return state != STATUS || lineLength > 0;
  }

  void feed(Buffer buffer) throws ProtocolException {
    int length = buffer.length();
    int i = 0;
    while (i < length) {
      switch (state) {
        case BODY_FIXED, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, length - i);
          i += n;
          remaining -= n;
          if (remaining == 0) {
            if (state == BODY_FIXED) {
              complete();
            } else {
              state = CHUNK_DATA_END;
            }
          }
        }
        case BODY_UNTIL_CLOSE -> i = length;
        default -> {
          byte b = buffer.getByte(i++);
          if (b == '\n') {
            onLine();
          } else if (b != '\r') {
            if (lineLength == MAX_LINE) {
              throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
            }
            line[lineLength++] = b;
          }
        }
      }
    }
  }

  /** The connection ended: completes a response delimited by the close, if that is what was pending. */
  boolean endOfInput() {
    if (state == BODY_UNTIL_CLOSE) {
      close = true;
      complete();
      return true;
    }
    return false;
  }

  private void onLine() throws ProtocolException {
    int n = lineLength;
    lineLength = 0;
    switch (state) {
      case STATUS -> {
        if (n == 0) {
          return; // tolerate a stray CRLF between responses
        }
        if (n < 12 || line[0] != 'H' || line[4] != '/' || line[8] != ' ') {
          throw new ProtocolException("not an HTTP/1.x status line");
        }
        status = (digit(line[9]) * 100) + (digit(line[10]) * 10) + digit(line[11]);
        close = line[5] == '1' && line[7] == '0'; // HTTP/1.0 closes unless told otherwise
        state = HEADERS;
      }
      case HEADERS -> {
        if (n == 0) {
          endOfHeaders();
        } else {
          header(n);
        }
      }
      case CHUNK_SIZE -> {
        long size = 0;
        for (int i = 0; i < n && line[i] != ';'; i++) {
          int d = Character.digit(line[i], 16);
          if (d < 0) {
            if (line[i] == ' ' || line[i] == '\t') {
              continue;
            }
            throw new ProtocolException("bad chunk size");
          }
          size = size * 16 + d;
        }
        if (size == 0) {
          state = TRAILERS;
        } else {
          remaining = size;
          state = CHUNK_DATA;
        }
      }
      case CHUNK_DATA_END -> state = CHUNK_SIZE;
      case TRAILERS -> {
        if (n == 0) {
          complete();
        }
      }
      default -> throw new ProtocolException("unexpected line");
    }
  }

  private void endOfHeaders() {
    if (status >= 100 && status < 200 && status != 101) {
      int keepClose = close ? 1 : 0;
      reset(); // an interim response (100 Continue): the real one follows
      close = keepClose == 1;
      return;
    }
    if (head || status == 204 || status == 304) {
      complete();
    } else if (chunked) {
      state = CHUNK_SIZE;
    } else if (contentLength >= 0) {
      if (contentLength == 0) {
        complete();
      } else {
        remaining = contentLength;
        state = BODY_FIXED;
      }
    } else {
      state = BODY_UNTIL_CLOSE;
    }
  }

  private void header(int n) throws ProtocolException {
    int colon = 0;
    while (colon < n && line[colon] != ':') {
      colon++;
    }
    if (colon == n) {
      throw new ProtocolException("header without a colon");
    }
    int from = colon + 1;
    while (from < n && (line[from] == ' ' || line[from] == '\t')) {
      from++;
    }
    int to = n;
    while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
      to--;
    }
    if (nameIs(CONTENT_LENGTH, colon)) {
      long v = 0;
      for (int i = from; i < to; i++) {
        int d = digit(line[i]);
        v = v * 10 + d;
      }
      contentLength = v;
    } else if (nameIs(TRANSFER_ENCODING, colon)) {
      chunked = valueContains(from, to, "chunked");
    } else if (nameIs(CONNECTION, colon)) {
      if (valueContains(from, to, "close")) {
        close = true;
      } else if (valueContains(from, to, "keep-alive")) {
        close = false;
      }
    } else if (nameIs(workerHeader, colon)) {
      worker = intern(from, to);
    }
  }

  private boolean nameIs(byte[] lowerName, int length) {
    if (length != lowerName.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      int c = line[i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerName[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean valueContains(int from, int to, String lowerToken) {
    String value = new String(line, from, to - from, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    return value.contains(lowerToken);
  }

  private String intern(int from, int to) {
    int n = to - from;
    for (int k = 0; k < interned; k++) {
      byte[] candidate = internedBytes[k];
      if (candidate.length == n && java.util.Arrays.equals(candidate, 0, n, line, from, to)) {
        return internedStrings[k];
      }
    }
    String s = new String(line, from, n, StandardCharsets.ISO_8859_1);
    if (interned < MAX_INTERNED) {
      internedBytes[interned] = java.util.Arrays.copyOfRange(line, from, to);
      internedStrings[interned++] = s;
    }
    return s;
  }

  private static int digit(byte b) throws ProtocolException {
    if (b < '0' || b > '9') {
      throw new ProtocolException("expected a digit");
    }
    return b - '0';
  }

  private void complete() {
    int s = status;
    String w = worker;
    boolean c = close;
    reset();
    listener.onResponse(s, w, c);
  }
}
