package io.jcl.restart;

import io.jcl.dsl.Deployment.RestartConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One slot's respawn history: how long to wait before the next respawn (exponential backoff over the
 * restarts still inside the window), and whether it has restarted more than {@code maxRestarts} times
 * {@code within} the window, which makes the slot errored (PM2's max_restarts, systemd's StartLimit).
 */
public final class CrashLoop {

  private final RestartConfig config;
  private final Deque<Long> restarts = new ArrayDeque<>();

  public CrashLoop(RestartConfig config) {
    this.config = config;
  }

  /** Records a respawn at {@code nowNanos}; false when the slot exceeded its limit and must stop. */
  public boolean allowRespawn(long nowNanos) {
    long windowStart = nowNanos - config.within().toNanos();
    while (!restarts.isEmpty() && restarts.peekFirst() < windowStart) {
      restarts.removeFirst();
    }
    restarts.addLast(nowNanos);
    return restarts.size() <= config.maxRestarts();
  }

  /** Delay before the respawn just allowed: grows with the restarts in the window, resets as they age out. */
  public Duration delay() {
    return config.backoff().delay(restarts.size());
  }

  public int recentRestarts() {
    return restarts.size();
  }
}
