package io.jcl.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcl.dsl.Backoff;
import io.jcl.dsl.Deployment.RestartConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CrashLoopTest {

  private static final long SECOND = 1_000_000_000L;

  private final RestartConfig config = new RestartConfig(
      new Backoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(1000)), 3, Duration.ofSeconds(60),
      Duration.ofSeconds(30), Duration.ofSeconds(10), 1, 0, Duration.ZERO);

  @Test
  void backoffGrowsWithRestartsInTheWindowAndIsCapped() {
    CrashLoop loop = new CrashLoop(config);
    assertTrue(loop.allowRespawn(0));
    assertEquals(Duration.ofMillis(100), loop.delay());
    assertTrue(loop.allowRespawn(SECOND));
    assertEquals(Duration.ofMillis(200), loop.delay());
    assertTrue(loop.allowRespawn(2 * SECOND));
    assertEquals(Duration.ofMillis(400), loop.delay());
    assertEquals(Duration.ofMillis(1000), config.backoff().delay(10), "capped at max");
  }

  @Test
  void moreThanMaxRestartsWithinTheWindowErrorsTheSlot() {
    CrashLoop loop = new CrashLoop(config);
    for (int i = 0; i < 3; i++) {
      assertTrue(loop.allowRespawn(i * SECOND));
    }
    assertFalse(loop.allowRespawn(3 * SECOND), "a 4th restart within 60 s is one too many");
  }

  @Test
  void restartsAgeOutOfTheWindow() {
    CrashLoop loop = new CrashLoop(config);
    for (int i = 0; i < 3; i++) {
      assertTrue(loop.allowRespawn(i * SECOND));
    }
    assertTrue(loop.allowRespawn(70 * SECOND), "the first three are older than the window");
    assertEquals(1, loop.recentRestarts());
    assertEquals(Duration.ofMillis(100), loop.delay(), "backoff starts over once the slot was stable");
  }

  @Test
  void aWorkerUpForResetAfterStartsTheBackoffOver() {
    CrashLoop loop = new CrashLoop(config); // resetAfter: the default 30 s
    loop.allowRespawn(0);
    loop.exited(SECOND);
    loop.allowRespawn(SECOND);
    assertEquals(Duration.ofMillis(200), loop.delay(), "up 1 s: not stable, the delay grows");
    loop.exited(31 * SECOND);
    assertTrue(loop.allowRespawn(32 * SECOND));
    assertEquals(Duration.ofMillis(100), loop.delay(), "up 31 s: stable, back to initial");
    assertEquals(3, loop.recentRestarts(), "the window still counts every restart toward maxRestarts");
  }
}
