package io.jcl.loadgen;

import io.vertx.core.Future;

/**
 * Starts a rolling restart of the target and completes when it is done. Supplied by the caller (the CLI
 * knows how to reach a cluster; the generator does not). Called on a Vert.x event loop: must not block.
 */
@FunctionalInterface
public interface RestartTrigger {
  Future<Void> trigger();
}
