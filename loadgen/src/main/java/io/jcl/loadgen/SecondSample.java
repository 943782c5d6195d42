package io.jcl.loadgen;

import java.util.Map;

/** One second of the run's timeline (completions by completion time), for plots. */
public record SecondSample(int second, long completed, long ok, long failed, double p99Ms,
                           Map<String, Long> perWorker) {
}
