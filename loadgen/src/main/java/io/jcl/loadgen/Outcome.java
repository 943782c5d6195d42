package io.jcl.loadgen;

/**
 * How one planned request ended. Every planned request ends with exactly one outcome, so the counts of a
 * run always add up to the number of requests planned (see {@link OutcomeCounts#checkAddsUpTo}).
 */
public enum Outcome {
  /** A response with a 1xx, 2xx or 3xx status. */
  OK,
  /** A complete response with a 4xx status. */
  HTTP_4XX,
  /** A complete response with a 5xx status. */
  HTTP_5XX,
  /** No connection could be made (refused, unreachable). */
  CONNECT_ERROR,
  /** The request was written but the connection closed or was reset before a full response. */
  RESET,
  /** Written, but no full response within the timeout (counted from the actual send). */
  TIMEOUT,
  /** The generator could not put it on a connection within the timeout of its planned time (pool exhausted). */
  NOT_SENT,
  /** Still outstanding when the run's drain period ended. */
  IN_FLIGHT_AT_END;

  private static final Outcome[] VALUES = values();

  /** The cached values(), so hot paths do not clone the array. */
  static Outcome[] all() {
    return VALUES;
  }

  /** "failed" counts everything but OK and IN_FLIGHT_AT_END (an in-flight request has not failed yet). */
  public boolean isFailure() {
    return this != OK && this != IN_FLIGHT_AT_END;
  }

  /** Outcomes that carry a complete response, hence a worker header and a service time. */
  public boolean hasResponse() {
    return this == OK || this == HTTP_4XX || this == HTTP_5XX;
  }

  static Outcome ofStatus(int status) {
    if (status >= 500) {
      return HTTP_5XX;
    }
    return status >= 400 ? HTTP_4XX : OK;
  }
}
