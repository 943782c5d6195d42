package io.jcl.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import java.time.Duration;

/** {@code restart { }}: respawn backoff, crash-loop limit and the rolling-restart pace. */
public final class RestartSpec extends Spec {

  RestartSpec(ScriptContext ctx) {
    super(ctx, "restart.");
  }

  public void backoff(@DelegatesTo(value = BackoffSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    configure(new BackoffSpec(ctx), body);
  }

  public void maxRestarts(int n) {
    assign("maxRestarts", n);
  }

  public void within(Duration d) {
    assign("within", d);
  }

  public void within(String d) {
    assign("within", d);
  }

  public void readyTimeout(Duration d) {
    assign("readyTimeout", d);
  }

  public void readyTimeout(String d) {
    assign("readyTimeout", d);
  }

  public void drainTimeout(Duration d) {
    assign("drainTimeout", d);
  }

  public void drainTimeout(String d) {
    assign("drainTimeout", d);
  }

  public void parallel(int slots) {
    assign("parallel", slots);
  }

  public void warmup(int requests) {
    assign("warmup", requests);
  }

  public void warmupTimeout(Duration d) {
    assign("warmupTimeout", d);
  }

  public void warmupTimeout(String d) {
    assign("warmupTimeout", d);
  }
}
