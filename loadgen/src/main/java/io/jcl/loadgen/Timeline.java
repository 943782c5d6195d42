package io.jcl.loadgen;

/**
 * Completions per second and a 1 ms-resolution bitmap of when successes happened (for the longest gap
 * between successes and the recovery after a restart). Sized once for the whole run; single writer.
 */
final class Timeline {
  static final long SECOND = 1_000_000_000L;
  static final long MILLI = 1_000_000L;

  final long[] completed;
  final long[] ok;
  final long[] failed;
  final long[] successMillis;
  final int millis;

  Timeline(int seconds) {
    completed = new long[seconds];
    ok = new long[seconds];
    failed = new long[seconds];
    millis = seconds * 1000;
    successMillis = new long[(millis + 63) / 64];
  }

  int seconds() {
    return completed.length;
  }

  /** @param at completion time as an offset from the start of measurement (may be slightly negative) */
  int secondOf(long at) {
    return (int) Math.min(completed.length - 1, Math.max(0, at / SECOND));
  }

  void record(Outcome outcome, long at) {
    int s = secondOf(at);
    if (outcome != Outcome.IN_FLIGHT_AT_END) {
      completed[s]++;
    }
    if (outcome == Outcome.OK) {
      ok[s]++;
      int ms = (int) Math.min(millis - 1, Math.max(0, at / MILLI));
      successMillis[ms >>> 6] |= 1L << (ms & 63);
    } else if (outcome.isFailure()) {
      failed[s]++;
    }
  }

  void mergeInto(Timeline total) {
    for (int i = 0; i < completed.length; i++) {
      total.completed[i] += completed[i];
      total.ok[i] += ok[i];
      total.failed[i] += failed[i];
    }
    for (int i = 0; i < successMillis.length; i++) {
      total.successMillis[i] |= successMillis[i];
    }
  }

  boolean successAt(int ms) {
    return (successMillis[ms >>> 6] & (1L << (ms & 63))) != 0;
  }

  /** First millisecond at or after {@code fromMs} with a success, or −1. */
  int firstSuccessAtOrAfter(int fromMs) {
    for (int ms = Math.max(0, fromMs); ms < millis; ms++) {
      if (successAt(ms)) {
        return ms;
      }
    }
    return -1;
  }

  /**
   * Longest stretch without a successful completion, in ms, from the start of measurement to
   * {@code endMs} (the end of the measured period): a run whose successes stop early counts that silence.
   */
  long longestGapMillis(int endMs) {
    int end = Math.min(endMs, millis);
    long longest = 0;
    int last = -1;
    for (int ms = 0; ms < end; ms++) {
      if (successAt(ms)) {
        longest = Math.max(longest, ms - last - 1);
        last = ms;
      }
    }
    return Math.max(longest, end - last - 1);
  }
}
