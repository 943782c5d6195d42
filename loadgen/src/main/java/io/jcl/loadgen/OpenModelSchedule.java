package io.jcl.loadgen;

import java.util.SplittableRandom;

/**
 * When each request is planned, as an offset in ns from T0, independent of any response (open model).
 * A run with S shards splits one schedule: with a uniform schedule shard s plans the global requests
 * i ≡ s (mod S), at i·10⁹/rate; with Poisson each shard draws its own Poisson process at rate/S, and the
 * superposition of independent Poisson processes is again Poisson at the full rate.
 *
 * <p>A warmup of W ramps the rate linearly from 0 to the target over W, then holds it: planned times are
 * those of the constant rate, warped by {@link #warp} (so Poisson stays a Poisson process, of rising rate).
 * At the full rate from the first instant, a cold generator (interpreted, C2 still compiling) and a cold
 * target fall behind in the first second, and near the target's capacity that backlog never drains: measured
 * at 100,000 req/s against a server wrk drives at 120,000, every measured request waited for a connection
 * and the run started 1.1 s late. Load testers ramp for that reason (Gatling, k6); the measured part runs
 * at the full rate, request k of it planned at W + k·10⁹/rate, give or take the fraction where the ramp ends.
 */
public final class OpenModelSchedule {
  private final double intervalNanos;
  private final int shard;
  private final int shards;
  private final SplittableRandom random;
  private final double meanGapNanos;
  private final double warmupNanos;
  /** Where the ramp hands over on the constant-rate time axis: W/2. */
  private final double rampEnd;
  private long index;
  private double poissonOffset;

  public OpenModelSchedule(double rate, boolean poisson, long seed, int shard, int shards) {
    this(rate, poisson, seed, shard, shards, 0);
  }

  /** @param warmupNanos the ramp from 0 to {@code rate} before measurement starts */
  public OpenModelSchedule(double rate, boolean poisson, long seed, int shard, int shards, long warmupNanos) {
    this.warmupNanos = warmupNanos;
    this.rampEnd = warmupNanos / 2.0;
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
      return warp(poissonOffset);
    }
    // Multiply, never accumulate: no drift over long runs.
    return warp((shard + index * (double) shards) * intervalNanos);
  }

  /**
   * From time at the constant rate to time on the ramp: the first W/2 of it (R·W/2 requests) spread over
   * the ramp, whose rate R·t/W plans R·t²/2W requests by t; the rest shifted by W/2.
   */
  private long warp(double constantRateNanos) {
    return (long) (constantRateNanos < rampEnd ? Math.sqrt(2.0 * warmupNanos * constantRateNanos) : constantRateNanos + rampEnd);
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
