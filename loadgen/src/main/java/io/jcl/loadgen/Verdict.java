package io.jcl.loadgen;

/**
 * The outcome of a run for CI. Exit codes 1 and 2 are reserved for the CLI (usage error, run error).
 * <ul>
 *   <li>{@link #PASS} — exit 0: the generator kept up and every threshold held.</li>
 *   <li>{@link #THRESHOLD_FAILED} — exit 3: the generator kept up and at least one threshold failed.</li>
 *   <li>{@link #GENERATOR_SATURATED} — exit 4: the generator did not offer the planned load (see
 *       {@link OfferedLoad}), or the only thresholds broken are latency limits its own lag explains; nothing
 *       is concluded about the target.</li>
 * </ul>
 */
public enum Verdict {
  PASS(0),
  THRESHOLD_FAILED(3),
  GENERATOR_SATURATED(4);

  private final int exitCode;

  Verdict(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
