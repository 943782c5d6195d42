package io.jcl.loadgen;

import java.util.Map;

/**
 * A restart triggered during the run, from the trigger call to its future's completion (ms from the
 * start of measurement), and what happened to the requests planned inside it or completed inside it
 * (a request queued just before the window and answered during it belongs to it too).
 *
 * @param endMs      −1 when the trigger had not completed by the end of the run
 * @param status     "done", "failed: reason" or "not completed"
 * @param recoveryMs time from the end of the window to the first success after it (−1 if none)
 * @param outsideP50Ms latency of the requests outside the window, the yardstick for the ones inside
 */
public record RestartWindow(double startMs, double endMs, String status, double recoveryMs, long requests,
                            Map<String, Long> outcomes, long failed, double p99Ms, double maxMs, double p50Ms,
                            double outsideP50Ms, double outsideP99Ms) {
}
