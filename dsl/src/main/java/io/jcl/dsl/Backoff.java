package io.jcl.dsl;

import java.time.Duration;

/**
 * Exponential respawn delay: initial · factor^(attempt-1), capped at max; a worker that stayed up for
 * {@code resetAfter} was stable, and the count of attempts starts over (PM2's exp_backoff_restart_delay).
 */
public record Backoff(Duration initial, double factor, Duration max, Duration resetAfter) {

  public static final Duration DEFAULT_RESET_AFTER = Duration.ofSeconds(30);

  public Backoff(Duration initial, double factor, Duration max) {
    this(initial, factor, max, DEFAULT_RESET_AFTER);
  }

  /** Delay before respawn number {@code attempt} (1-based) of a slot. */
  public Duration delay(int attempt) {
    double nanos = initial.toNanos() * Math.pow(factor, Math.max(0, attempt - 1));
    return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
  }
}
