package io.jcl.loadgen;

/**
 * What the scheduler under test places, and so what fairness counts (DESIGN.md, "Load generator").
 * With a new connection per request every request is a placement of its own; under keep-alive the
 * scheduler places connections and every request on one goes to the same worker, so requests are not
 * independent samples and their count would claim a confidence the data does not have. A scheduler
 * sticky by client address (jcl's {@code sticky}, HAProxy's {@code balance source}) places addresses:
 * each goes to one worker by design, so one address says nothing about the spread and the load generator
 * needs several ({@code --source-ips}).
 */
public enum FairnessUnit {
  REQUESTS, CONNECTIONS, SOURCES;

  /** "requests" / "connections", as the summary and the JSON report name it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
