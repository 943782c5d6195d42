package io.jcl.loadgen;

import java.util.SplittableRandom;

/**
 * When each request is planned, as an offset in ns from T0, independent of any response (open model).
 * A run with S shards splits one schedule: with a uniform schedule shard s plans the global requests
 * i ≡ s (mod S), at i·10⁹/rate; with Poisson each shard draws its own Poisson process at rate/S, and the
 * superposition of independent Poisson processes is again Poisson at the full rate.
 */
public final class OpenModelSchedule {
  private final double intervalNanos;
  private final int shard;
  private final int shards;
  private final SplittableRandom random;
  private final double meanGapNanos;
  private long index;
  private double poissonOffset;

  public OpenModelSchedule(double rate, boolean poisson, long seed, int shard, int shards) {
    this.intervalNanos = 1e9 / rate;
    this.shard = shard;
    this.shards = shards;
    this.random = poisson ? new SplittableRandom(seed * 31 + shard) : null;
    this.meanGapNanos = intervalNanos * shards;
    if (poisson) {
      poissonOffset = nextGap();
    }
  }

  /** Offset of the next planned request, without consuming it. */
  public long peek() {
    if (random != null) {
      return (long) poissonOffset;
    }
    // Multiply, never accumulate: no drift over long runs.
    return (long) ((shard + index * (double) shards) * intervalNanos);
  }

  /** Consumes the request {@link #peek()} returned. */
  public void advance() {
    index++;
    if (random != null) {
      poissonOffset += nextGap();
    }
  }

  private double nextGap() {
    // Exponential inter-arrival; 1 − u is in (0, 1] so the log is finite.
    return -Math.log(1 - random.nextDouble()) * meanGapNanos;
  }
}
