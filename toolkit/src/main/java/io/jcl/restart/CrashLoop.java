package io.jcl.restart;

import io.jcl.dsl.Deployment.RestartConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One slot's respawn history: how long to wait before the next respawn (exponential backoff), and
 * whether it has restarted more than {@code maxRestarts} times {@code within} the window, which makes the
 * slot errored (PM2's max_restarts, systemd's StartLimit). The backoff grows with the respawns since the
 * slot last ran a stable worker (up for {@code backoff.resetAfter}, PM2's exp_backoff_restart_delay) and
 * still inside the window: a worker that crashes once a day always waits {@code initial}.
 */
public final class CrashLoop {

  private final RestartConfig config;
  private final Deque<Long> restarts = new ArrayDeque<>();
  private int sinceStable;

  public CrashLoop(RestartConfig config) {
    this.config = config;
  }

  /** The slot's worker exited after {@code uptimeNanos}: long enough, and the backoff starts over. */
  public void exited(long uptimeNanos) {
    if (uptimeNanos >= config.backoff().resetAfter().toNanos()) {
      sinceStable = 0;
    }
  }

  /** Records a respawn at {@code nowNanos}; false when the slot exceeded its limit and must stop. */
  public boolean allowRespawn(long nowNanos) {
    long windowStart = nowNanos - config.within().toNanos();
    while (!restarts.isEmpty() && restarts.peekFirst() < windowStart) {
      restarts.removeFirst();
    }
    restarts.addLast(nowNanos);
    sinceStable++;
    return restarts.size() <= config.maxRestarts();
  }

  /** Delay before the respawn just allowed: initial, then factor times longer each time, up to max. */
  public Duration delay() {
    return config.backoff().delay(Math.min(sinceStable, restarts.size()));
  }

  public int recentRestarts() {
    return restarts.size();
  }
}
