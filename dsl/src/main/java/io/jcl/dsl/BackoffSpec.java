package io.jcl.dsl;

import java.time.Duration;

/** {@code backoff { initial 100.ms; factor 2; max 10.s }}: exponential respawn delay. */
public final class BackoffSpec extends Spec {

  BackoffSpec(ScriptContext ctx) {
    super(ctx, "restart.backoff.");
  }

  public void initial(Duration d) {
    assign("initial", d);
  }

  public void initial(String d) {
    assign("initial", d);
  }

  public void factor(double f) {
    assign("factor", f);
  }

  public void max(Duration d) {
    assign("max", d);
  }

  public void max(String d) {
    assign("max", d);
  }

  public void resetAfter(Duration d) {
    assign("resetAfter", d);
  }

  public void resetAfter(String d) {
    assign("resetAfter", d);
  }
}
