package io.jcl.loadgen;

/** Receives a {@link Progress} snapshot once a second while a run measures. Called on an event loop. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = progress -> { };

  void onProgress(Progress progress);
}
