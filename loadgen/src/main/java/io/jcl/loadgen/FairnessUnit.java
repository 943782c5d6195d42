package io.jcl.loadgen;

/**
 * What the scheduler under test places, and so what fairness counts (DESIGN.md, "Load generator").
 * With a new connection per request every request is a placement of its own; under keep-alive the
 * scheduler places connections and every request on one goes to the same worker, so requests are not
 * independent samples and their count would claim a confidence the data does not have.
 */
public enum FairnessUnit {
  REQUESTS, CONNECTIONS;

  /** "requests" / "connections", as the summary and the JSON report name it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
