package io.jcl.dsl;

import java.time.Duration;

/** {@code health { }}: heartbeats and the thresholds that make a worker unhealthy. */
public final class HealthSpec extends Spec {

  HealthSpec(ScriptContext ctx) {
    super(ctx, "health.");
  }

  public void interval(Duration d) {
    set("interval", d);
  }

  public void interval(String d) {
    set("interval", d);
  }

  public void timeout(Duration d) {
    set("timeout", d);
  }

  public void timeout(String d) {
    set("timeout", d);
  }

  public void maxHeap(Percent p) {
    set("maxHeap", p);
  }

  public void maxHeap(String p) {
    set("maxHeap", p);
  }

  public void maxEventLoopLag(Duration d) {
    set("maxEventLoopLag", d);
  }

  public void maxEventLoopLag(String d) {
    set("maxEventLoopLag", d);
  }

  public void failAfter(int times) {
    set("failAfter", times);
  }
}
