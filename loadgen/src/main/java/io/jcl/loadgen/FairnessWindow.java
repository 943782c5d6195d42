package io.jcl.loadgen;

/**
 * Fairness within one window of the run; only the workers alive for the whole window are expected to
 * get a share of it (a worker restarted mid-window is judged in the windows around it, not in this one).
 */
public record FairnessWindow(int index, double startMs, double endMs, FairnessResult result) {
}
