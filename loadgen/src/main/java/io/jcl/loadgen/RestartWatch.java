package io.jcl.loadgen;

/**
 * Restarts the generator does not start itself but should attribute failures to: a cluster replacing a
 * sick worker, say. Supplied by the caller (the CLI knows where a cluster's events are; the generator does
 * not). Started just before measurement, stopped once the last request has its outcome.
 */
public interface RestartWatch {

  /** Reports every restart it sees from now on to {@code sink}, from a thread of its own (never an event loop's). */
  void start(RestartSink sink);

  /** No more reports; called once, whatever happened. */
  void stop();
}
