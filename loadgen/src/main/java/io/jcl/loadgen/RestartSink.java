package io.jcl.loadgen;

/**
 * Where a {@link RestartWatch} reports the restarts it sees, as wall-clock times (the clock an events log
 * keeps). Safe to call from any thread. A restart reported here gets a window in the report exactly like
 * the one {@code restartAt} triggers: the requests planned or completed inside it, against the rest.
 */
public interface RestartSink {

  /** A restart began at {@code epochMs}, for {@code cause} ("slot 0 unhealthy: ..."); returns its handle. */
  int begin(long epochMs, String cause);

  /** A step inside it ("successor LISTENING"), shown with the window. */
  void mark(int window, long epochMs, String what);

  /** It ended at {@code epochMs}: {@code status} is "done" or why not. */
  void end(int window, long epochMs, String status);
}
