package io.jcl.dsl;

import java.time.Duration;

/**
 * A failure {@code jcl verify} provokes on purpose while the load runs, from {@code verify { scale ... }}
 * or {@code verify { kill ... }}.
 *
 * @param kind  "scale" (value: the worker count to scale to) or "kill" (value: the slot whose worker is killed)
 * @param at    into the measured part
 */
public record VerifyEvent(String kind, Duration at, int value, SourcePosition position) {

  public String describe() {
    return (kind.equals("scale") ? "scale to " + value : "kill slot " + value) + " at " + Durations.format(at);
  }
}
