package io.jcl.dsl;

import java.time.Duration;

/**
 * The number literals of the DSL ({@code 500.ms}, {@code 2.s}, {@code 90.percent}, {@code 256.mb}),
 * registered as a Groovy extension module so the type checker knows them.
 */
public final class Literals {

  private Literals() {
  }

  public static Duration getMs(Number self) {
    return Duration.ofNanos(Math.round(self.doubleValue() * 1_000_000));
  }

  public static Duration getS(Number self) {
    return Duration.ofNanos(Math.round(self.doubleValue() * 1_000_000_000));
  }

  public static Duration getSeconds(Number self) {
    return getS(self);
  }

  public static Duration getMin(Number self) {
    return Duration.ofNanos(Math.round(self.doubleValue() * 60_000_000_000d));
  }

  public static Duration getMinutes(Number self) {
    return getMin(self);
  }

  public static Duration getH(Number self) {
    return Duration.ofNanos(Math.round(self.doubleValue() * 3_600_000_000_000d));
  }

  public static Percent getPercent(Number self) {
    return new Percent(self.doubleValue());
  }

  public static Size getKb(Number self) {
    return new Size(self.longValue() * 1024);
  }

  public static Size getMb(Number self) {
    return new Size(self.longValue() * 1024 * 1024);
  }

  public static Size getGb(Number self) {
    return new Size(self.longValue() * 1024 * 1024 * 1024);
  }
}
