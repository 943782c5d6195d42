package io.jcl.restart;

import io.vertx.core.Future;

/**
 * What a replacement asks of the supervisor, which owns the processes. Workers are named by pid; every
 * call is made on the supervisor's context.
 */
public interface SlotControl {

  /** Starts the slot's successor on {@code generation}; completes with its pid once it is LISTENING, fails if it exits first. */
  Future<Long> startSuccessor(int slot, int generation);

  /** The successor did not become ready in time: kill it; the slot's current worker keeps serving. */
  void discardSuccessor(int slot);

  /** New connections go to the successor from now; returns the pid of the worker it replaced, or -1. */
  long promote(int slot);

  /** Tells the worker to drain; completes when it exited. */
  Future<Void> drain(long pid);

  /** The worker did not drain within drainTimeout. */
  void kill(long pid);
}
