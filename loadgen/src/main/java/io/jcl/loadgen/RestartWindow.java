package io.jcl.loadgen;

import java.util.Map;

/**
 * A restart during the run (ms from the start of measurement), and what happened to the requests planned
 * inside it or completed inside it (a request queued just before the window and answered during it belongs
 * to it too). A {@code restartAt} roll lasts from the trigger call to its future's completion; a restart a
 * {@link RestartWatch} reported, from the moment it saw it begin to the moment it saw it end.
 *
 * @param endMs      −1 when it had not ended by the end of the run
 * @param status     "done", "failed: reason" or "not completed"
 * @param recoveryMs time from the end of the window to the first success after it (−1 if none)
 * @param outsideP50Ms latency of the requests outside every window, the yardstick for the ones inside
 * @param cause      what restarted: "rolling restart" ({@code restartAt}), or what the watch said
 * @param marksMs    steps inside the window as the watch saw them ("successor LISTENING" at 10312.0 ms)
 * @param outsideRequests requests outside every window, and {@code outsideFailed} the failed among them
 */
public record RestartWindow(double startMs, double endMs, String status, double recoveryMs, long requests,
                            Map<String, Long> outcomes, long failed, double p99Ms, double maxMs, double p50Ms,
                            double outsideP50Ms, double outsideP99Ms, String cause, Map<String, Double> marksMs,
                            long outsideRequests, long outsideFailed) {
}
