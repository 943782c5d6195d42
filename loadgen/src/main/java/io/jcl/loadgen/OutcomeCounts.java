package io.jcl.loadgen;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A count per {@link Outcome}. Mutable while a run records into it; single writer. */
public final class OutcomeCounts {
  private final long[] counts = new long[Outcome.all().length];

  public void add(Outcome outcome) {
    counts[outcome.ordinal()]++;
  }

  public void add(Outcome outcome, long n) {
    counts[outcome.ordinal()] += n;
  }

  public void addAll(OutcomeCounts other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  public long get(Outcome outcome) {
    return counts[outcome.ordinal()];
  }

  public long total() {
    return Arrays.stream(counts).sum();
  }

  /** All but OK and IN_FLIGHT_AT_END. */
  public long failed() {
    long failed = 0;
    for (Outcome o : Outcome.all()) {
      if (o.isFailure()) {
        failed += counts[o.ordinal()];
      }
    }
    return failed;
  }

  /**
   * The generator's bookkeeping invariant: one outcome per planned request. A mismatch is a bug in the
   * generator, never a property of the target, so it throws instead of producing a misleading report.
   */
  public void checkAddsUpTo(long planned) {
    long total = total();
    if (total != planned) {
      throw new IllegalStateException("outcomes add up to " + total + " but " + planned + " requests were planned: " + asMap());
    }
  }

  /** Every outcome in declaration order, zeros included, so reports have a stable shape. */
  public Map<String, Long> asMap() {
    Map<String, Long> map = new LinkedHashMap<>();
    for (Outcome o : Outcome.all()) {
      map.put(o.name(), counts[o.ordinal()]);
    }
    return map;
  }

  public OutcomeCounts copy() {
    OutcomeCounts copy = new OutcomeCounts();
    copy.addAll(this);
    return copy;
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
