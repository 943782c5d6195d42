package io.jcl.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Worker ids as read from the worker header, interned: a cluster has a handful of workers, so after the
 * first response from each, turning the header's bytes into its id allocates nothing. One per event loop,
 * shared by all its connections (a new connection per request must not start a new table).
 */
final class WorkerIds {
  private static final int MAX_INTERNED = 256;

  private final byte[][] bytes = new byte[MAX_INTERNED][];
  private final String[] strings = new String[MAX_INTERNED];
  private int count;

  String of(byte[] line, int from, int to) {
    int n = to - from;
    for (int k = 0; k < count; k++) {
      byte[] candidate = bytes[k];
      if (candidate.length == n && Arrays.equals(candidate, 0, n, line, from, to)) {
        return strings[k];
      }
    }
    String s = new String(line, from, n, StandardCharsets.ISO_8859_1);
    if (count < MAX_INTERNED) {
      bytes[count] = Arrays.copyOfRange(line, from, to);
      strings[count++] = s;
    }
    return s;
  }
}
