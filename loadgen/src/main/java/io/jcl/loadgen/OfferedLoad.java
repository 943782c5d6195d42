package io.jcl.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether the generator offered the load it planned (DESIGN.md, "Load generator"), and what it did offer.
 * It did not, and the run says nothing about the target ({@link Verdict#GENERATOR_SATURATED}), when
 * <ul>
 *   <li>it sent fewer than {@link #MIN_SENT_RATIO} of the planned requests (NOT_SENT: no connection in
 *       time), or</li>
 *   <li>its offered rate, measured requests handed off over the time it took to hand them all off, missed
 *       the target by more than {@link #MAX_RATE_ERROR}, or</li>
 *   <li>it stayed behind its schedule by more than {@link #BEHIND_NANOS} for longer than
 *       {@link #MOMENT_NANOS}: every request planned in that stretch left that late.</li>
 * </ul>
 * A shorter hiccup (a GC pause, a JIT deoptimisation, the machine taking the core away for 100 ms) leaves
 * the offered load intact: latency is measured from the planned time, so the lag is inside the latency it
 * delayed and can make it look worse, never better, and it changes no outcome and no worker's share. An
 * earlier rule, "p99 pacer lag above one interval voids the run", declared runs void for one such hiccup
 * (at 5,000 req/s one interval is 0.2 ms) and named 1e9/p99 as the rate it could hold: 20 req/s for a run
 * that had sent all 50,000 requests on time in volume. It is withdrawn.
 *
 * @param sentRate        requests written per second of the measured duration
 * @param handOffRate     the offered rate: requests handed off per second, over the duration or until the
 *                        last hand-off if that came later
 * @param worstSecondRate the fewest requests handed off in one whole second of the measured duration
 * @param worstSecond     which second that was (0-based), −1 when the run is shorter than a second
 * @param longestBehindMs the longest stretch the pacer spent more than {@link #BEHIND_NANOS} behind
 */
public record OfferedLoad(double sentRate, double handOffRate, double worstSecondRate, int worstSecond,
                          double longestBehindMs) {
  static final double MIN_SENT_RATIO = 0.999;
  static final double MAX_RATE_ERROR = 0.01;
  /** Behind means a request left more than this after its planned time: 50 requests late at 5,000 req/s. */
  static final long BEHIND_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** Behind for longer than this is no hiccup: a second's worth of the schedule left late. */
  static final long MOMENT_NANOS = TimeUnit.SECONDS.toNanos(1);

  static OfferedLoad of(double durationSeconds, long planned, long sent, long lastHandOffNanos,
                        long[] handedOffPerSecond, long longestBehindNanos) {
    double span = Math.max(durationSeconds, lastHandOffNanos / 1e9);
    int whole = (int) Math.floor(durationSeconds + 1e-9);
    int worst = -1;
    for (int s = 0; s < whole && s < handedOffPerSecond.length; s++) {
      if (worst < 0 || handedOffPerSecond[s] < handedOffPerSecond[worst]) {
        worst = s;
      }
    }
    return new OfferedLoad(sent / durationSeconds, planned / span,
        worst < 0 ? planned / durationSeconds : handedOffPerSecond[worst], worst, longestBehindNanos / 1e6);
  }

  /** Why the generator did not offer the planned load; empty when it did. */
  List<String> saturationReasons(double targetRate, long planned, long sent, boolean anyNotSent) {
    List<String> out = new ArrayList<>();
    double sentRatio = planned == 0 ? 1 : (double) sent / planned;
    if (sentRatio < MIN_SENT_RATIO) {
      out.add(String.format(Locale.ROOT, "sent/planned %.4f < %.3f: it sent %.0f req/s of %.0f planned%s",
          sentRatio, MIN_SENT_RATIO, sentRate, targetRate, anyNotSent ? " (NOT_SENT: more --connections may help)" : ""));
    }
    if (Math.abs(handOffRate / targetRate - 1) > MAX_RATE_ERROR) {
      out.add(String.format(Locale.ROOT, "offered (handed off) %.0f req/s, more than %.0f%% off the planned %.0f",
          handOffRate, 100 * MAX_RATE_ERROR, targetRate));
    }
    if (longestBehindMs * 1e6 > MOMENT_NANOS) {
      out.add(String.format(Locale.ROOT, "behind schedule by more than %d ms for %.0f ms (longer than %d ms)",
          TimeUnit.NANOSECONDS.toMillis(BEHIND_NANOS), longestBehindMs, TimeUnit.NANOSECONDS.toMillis(MOMENT_NANOS)));
    }
    if (!out.isEmpty()) {
      out.add(String.format(Locale.ROOT, "what it did offer: %.0f req/s sent over the run, %.0f handed off in "
          + "its worst second%s", sentRate, worstSecondRate, worstSecond < 0 ? "" : " (second " + worstSecond + ")"));
    }
    return out;
  }
}
