package io.jcl.loadgen;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadSpecTest {

  @Test
  void onlyLoopbackTargets() {
    for (String url : new String[] {"http://10.0.0.1/", "http://example.com/", "http://128.0.0.1/",
        "http://127.0.0.1.example.com/", "https://127.0.0.1/", "http://[::2]/"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadSpec.builder(url).build(), url);
      assertTrue(e.getMessage().contains("loopback") || e.getMessage().contains("http://"), e.getMessage());
    }
    for (String url : new String[] {"http://127.0.0.1:8080/x?y=1", "http://localhost/", "http://127.9.8.7/", "http://[::1]:80/"}) {
      LoadSpec.builder(url).build();
    }
  }

  @Test
  void parsesTargetAndDefaults() {
    LoadSpec spec = LoadSpec.builder("http://127.0.0.1:8080/hello?x=1").build();
    assertEquals("127.0.0.1", spec.host());
    assertEquals(8080, spec.port());
    assertEquals("/hello?x=1", spec.pathAndQuery());
    assertEquals("X-Jcl-Worker", spec.workerHeader());
    assertEquals(0.10, spec.fairnessDelta());
    assertEquals(Duration.ofSeconds(1), spec.fairnessWindow());
    assertEquals(spec.timeout(), spec.drain());
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> LoadSpec.builder("http://127.0.0.1/").rps(0).build());
    assertThrows(IllegalArgumentException.class, () -> LoadSpec.builder("http://127.0.0.1/").connections(0).build());
    assertThrows(IllegalArgumentException.class, () -> LoadSpec.builder("http://127.0.0.1/").sourceIps(300).build());
    assertThrows(IllegalArgumentException.class,
        () -> LoadSpec.builder("http://127.0.0.1/").duration(Duration.ofSeconds(5)).restartAt(Duration.ofSeconds(6)).build());
  }

  @Test
  void uniformScheduleIsExactAndSplitAcrossShards() {
    OpenModelSchedule one = new OpenModelSchedule(3, false, 1, 0, 1);
    long[] expected = {0, 333_333_333, 666_666_666, 1_000_000_000};
    for (long e : expected) {
      assertEquals(e, one.peek());
      one.advance();
    }
    OpenModelSchedule shard1 = new OpenModelSchedule(1000, false, 1, 1, 2);
    assertEquals(1_000_000, shard1.peek());
    shard1.advance();
    assertEquals(3_000_000, shard1.peek());
  }

  @Test
  void poissonScheduleHasTheRate() {
    OpenModelSchedule p = new OpenModelSchedule(10_000, true, 42, 0, 1);
    int n = 0;
    while (p.peek() < 1_000_000_000L) {
      p.advance();
      n++;
    }
    assertEquals(10_000, n, 400); // ±4 sigma
  }

  @Test
  void warmupRampsFromZeroToTheRateThenHoldsItExactly() {
    // 1,000 req/s after a 2 s ramp: R·W/2 = 1,000 requests inside the ramp, each gap shorter than the last.
    OpenModelSchedule s = new OpenModelSchedule(1000, false, 1, 0, 1, 2_000_000_000L);
    long last = s.peek();
    long lastGap = Long.MAX_VALUE - 1;
    int inRamp = 0;
    while (s.peek() < 2_000_000_000L) {
      s.advance();
      long gap = s.peek() - last;
      assertTrue(gap <= lastGap + 1, "gap " + gap + " after " + lastGap);
      lastGap = gap;
      last = s.peek();
      inRamp++;
    }
    assertEquals(1000, inRamp);
    // Measured part: the constant rate, 1 ms apart from the end of the ramp on.
    assertEquals(2_000_000_000L, s.peek());
    for (int k = 1; k <= 5; k++) {
      s.advance();
      assertEquals(2_000_000_000L + k * 1_000_000L, s.peek());
    }
  }
}
