package io.jcl.dsl;

import java.time.Duration;

/** {@code backoff { initial 100.ms; factor 2; max 10.s }}: exponential respawn delay. */
public final class BackoffSpec extends Spec {

  BackoffSpec(ScriptContext ctx) {
    super(ctx, "restart.backoff.");
  }

  public void initial(Duration d) {
    set("initial", d);
  }

  public void initial(String d) {
    set("initial", d);
  }

  public void factor(double f) {
    set("factor", f);
  }

  public void max(Duration d) {
    set("max", d);
  }

  public void max(String d) {
    set("max", d);
  }
}
