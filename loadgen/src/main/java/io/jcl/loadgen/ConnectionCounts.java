package io.jcl.loadgen;

/**
 * The generator's own connections: how many it opened and the most open at once (over the whole run,
 * warmup included; summed over event loops and source addresses), and how many measured requests found
 * every connection of their pool busy and waited for one (schedule lag that is not the pacer's).
 */
public record ConnectionCounts(long opened, long peakOpen, long waited) {
}
