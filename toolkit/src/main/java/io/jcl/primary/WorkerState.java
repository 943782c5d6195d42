package io.jcl.primary;

/**
 * A worker's lifecycle as {@code jcl status} shows it. Only LISTENING workers get connections.
 * ERRORED belongs to a slot that crash-looped past {@code maxRestarts} and is no longer respawned.
 */
public enum WorkerState {
  STARTING, ONLINE, LISTENING, DRAINING, EXITED, ERRORED
}
