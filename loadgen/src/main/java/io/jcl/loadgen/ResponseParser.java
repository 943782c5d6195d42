package io.jcl.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * An incremental HTTP/1.1 response parser that keeps only what the generator needs: the status, the
 * worker header, whether the server will close, and where the response ends (Content-Length, chunked,
 * or end of connection). Bodies are skipped, never copied; header values are never turned into Strings,
 * and worker ids are interned ({@link WorkerIds}) so a response allocates nothing here.
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
  private static final byte[] CHUNKED = bytes("chunked");
  private static final byte[] CLOSE = bytes("close");
  private static final byte[] KEEP_ALIVE = bytes("keep-alive");
  private static final int MAX_LINE = 16 * 1024;
  /** Status and header lines of typical responses fit; longer ones grow it, up to MAX_LINE. */
  private static final int INITIAL_LINE = 256;

  private final Listener listener;
  private final byte[] workerHeader;
  private final boolean head;
  private final WorkerIds workerIds;
  private byte[] line = new byte[INITIAL_LINE];
  private int lineLength;
  private int state = STATUS;
  private int status;
  private long contentLength;
  private long remaining;
  private boolean chunked;
  private boolean close;
  private String worker;

  ResponseParser(Listener listener, String workerHeader, boolean headRequests, WorkerIds workerIds) {
    this.listener = listener;
    this.workerHeader = bytes(workerHeader.toLowerCase(Locale.ROOT));
    this.head = headRequests;
    this.workerIds = workerIds;
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

  /** Consumes {@code data[from..to)}; calls the listener for every response it completes. */
  void feed(byte[] data, int from, int to) throws ProtocolException {
    int i = from;
    while (i < to) {
      switch (state) {
        case BODY_FIXED, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, to - i);
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
        case BODY_UNTIL_CLOSE -> i = to;
        default -> {
          // A line: copy up to the LF in one go (a tight scan, then one arraycopy), not byte by byte.
          int lf = i;
          while (lf < to && data[lf] != '\n') {
            lf++;
          }
          append(data, i, lf);
          if (lf == to) {
            return; // the line continues in the next read
          }
          i = lf + 1;
          if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
          }
          onLine();
        }
      }
    }
  }

  private void append(byte[] data, int from, int to) throws ProtocolException {
    int n = to - from;
    if (lineLength + n > line.length) {
      if (lineLength + n > MAX_LINE) {
        throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
      }
      line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(2 * line.length, lineLength + n)));
    }
    System.arraycopy(data, from, line, lineLength, n);
    lineLength += n;
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
      chunked = valueContains(from, to, CHUNKED);
    } else if (nameIs(CONNECTION, colon)) {
      if (valueContains(from, to, CLOSE)) {
        close = true;
      } else if (valueContains(from, to, KEEP_ALIVE)) {
        close = false;
      }
    } else if (nameIs(workerHeader, colon)) {
      worker = workerIds.of(line, from, to);
    }
  }

  private boolean nameIs(byte[] lowerName, int length) {
    if (length != lowerName.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (lower(line[i]) != lowerName[i]) {
        return false;
      }
    }
    return true;
  }

  /** Case-insensitive search for a lower-case token in the value, without making it a String. */
  private boolean valueContains(int from, int to, byte[] lowerToken) {
    int n = lowerToken.length;
    for (int start = from; start + n <= to; start++) {
      int k = 0;
      while (k < n && lower(line[start + k]) == lowerToken[k]) {
        k++;
      }
      if (k == n) {
        return true;
      }
    }
    return false;
  }

  private static int lower(byte b) {
    return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
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
