package io.jcl.dsl;

import java.time.Duration;

/** {@code health { }}: heartbeats and the thresholds that make a worker unhealthy. */
public final class HealthSpec extends Spec {

  HealthSpec(ScriptContext ctx) {
    super(ctx, "health.");
  }

  public void interval(Duration d) {
    assign("interval", d);
  }

  public void interval(String d) {
    assign("interval", d);
  }

  public void timeout(Duration d) {
    assign("timeout", d);
  }

  public void timeout(String d) {
    assign("timeout", d);
  }

  public void maxHeap(Percent p) {
    assign("maxHeap", p);
  }

  public void maxHeap(String p) {
    assign("maxHeap", p);
  }

  public void maxEventLoopLag(Duration d) {
    assign("maxEventLoopLag", d);
  }

  public void maxEventLoopLag(String d) {
    assign("maxEventLoopLag", d);
  }

  public void failAfter(int times) {
    assign("failAfter", times);
  }

  public void maxRequests(int requests) {
    assign("maxRequests", requests);
  }

  public void maxRequestsJitter(int requests) {
    assign("maxRequestsJitter", requests);
  }
}
