package io.jcl.dsl;

import java.time.Duration;

/** Exponential respawn delay: initial · factor^(attempt-1), capped at max. */
public record Backoff(Duration initial, double factor, Duration max) {

  /** Delay before respawn number {@code attempt} (1-based) of a slot. */
  public Duration delay(int attempt) {
    double nanos = initial.toNanos() * Math.pow(factor, Math.max(0, attempt - 1));
    return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
  }
}
