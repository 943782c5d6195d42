package io.jcl.loadgen;

/**
 * When the generator fell behind, the highest rate this run shows it could hold on this machine, so that a
 * GENERATOR_SATURATED verdict says what to ask for instead. Two limits, each read off the run itself:
 * <ul>
 *   <li>on schedule: DESIGN's rule is p99 pacer lag ≤ one interval, and the interval is 10⁹/rate ns, so
 *       the lag this run showed is covered at rates up to 10⁹/p99 (the lag is the generator's and the
 *       machine's, largely independent of the rate below saturation);</li>
 *   <li>in volume: when it sent fewer than it planned, it held what it sent per second.</li>
 * </ul>
 * The named rate is the lower of the two (and never above the target), rounded down to two significant
 * digits: a run is one sample on a noisy machine, not a precise measurement.
 */
public record SustainableRate(double onSchedule, double inVolume, double rate) {

  static SustainableRate of(double targetRate, double durationSeconds, long planned, long sent, long pacerP99Nanos) {
    double onSchedule = pacerP99Nanos > 0 ? Math.min(targetRate, 1e9 / pacerP99Nanos) : targetRate;
    boolean keptVolume = planned == 0 || (double) sent / planned >= ReportAssembly.MIN_SENT_RATIO;
    double inVolume = keptVolume ? targetRate : Math.min(targetRate, sent / durationSeconds);
    return new SustainableRate(onSchedule, inVolume, roundDown(Math.min(onSchedule, inVolume)));
  }

  /** 877 -> 870, 19,199 -> 19,000, 4.7 -> 4.7. */
  static double roundDown(double rate) {
    if (rate <= 0) {
      return 0;
    }
    double unit = Math.pow(10, Math.floor(Math.log10(rate)) - 1);
    return Math.floor(rate / unit + 1e-9) * unit;
  }
}
