package io.jcl.loadgen;

/**
 * One threshold of a run judged on its own, with the figures behind the judgement, for reports that list
 * every threshold (the JUnit XML of {@code jcl verify}): {@link Thresholds#violations} says only what broke.
 *
 * @param name   the threshold as a user wrote it: "failed <= 0", "p99 <= 50 ms", "fair", "sticky"
 * @param actual what the run measured, in words and numbers
 */
public record ThresholdCheck(String name, Status status, String actual) {

  public enum Status {
    PASS,
    /** The target broke it. */
    FAIL,
    /** Broken only by the generator's own lag, or the generator saturated: nothing said about the target. */
    NO_VERDICT
  }
}
