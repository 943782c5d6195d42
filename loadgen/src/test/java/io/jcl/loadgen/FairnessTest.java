package io.jcl.loadgen;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fairness verdict on counts alone (the end-to-end cases are in FairnessEndToEndTest). */
class FairnessTest {

  private static Map<String, Long> counts(long... values) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put("w" + i, values[i]);
    }
    return m;
  }

  @Test
  void evenAndLargeIsFair() {
    FairnessResult r = Fairness.ofRequests(counts(5000, 5000), 0.10);
    assertEquals(FairnessVerdict.FAIR, r.verdict());
    assertEquals(1.0, r.jain(), 1e-12);
    assertEquals(0.0, r.cv(), 1e-12);
    assertEquals(0.0, r.maxDeviation(), 1e-12);
    assertEquals(0, r.moreNeeded());
  }

  /**
   * A cluster sticky by client address places addresses: the load generator's one address reaches one
   * worker by design, which says nothing about the spread (it printed UNFAIR 63/59937 for a sticky
   * cluster rolling under one client address). Many addresses on one worker do.
   */
  @Test
  void stickyAddressesAreSamplesOfTheHash() {
    FairnessResult one = Fairness.judge(FairnessUnit.SOURCES, counts(1, 0), 0.10);
    assertEquals(FairnessVerdict.INCONCLUSIVE, one.verdict());
    assertEquals(FairnessUnit.SOURCES, one.unit());
    assertTrue(one.moreNeeded() > 0, () -> "names how many addresses would decide it: " + one);
    assertEquals(FairnessVerdict.UNFAIR, Fairness.judge(FairnessUnit.SOURCES, counts(64, 0), 0.10).verdict());
    assertEquals(FairnessVerdict.UNFAIR, Fairness.judge(FairnessUnit.REQUESTS, counts(1, 0), 0.10).verdict(),
        "a worker that got no request at all stays unfair");
  }

  @Test
  void eightyTwentyIsUnfair() {
    FairnessResult r = Fairness.ofRequests(counts(800, 200), 0.10);
    assertEquals(FairnessVerdict.UNFAIR, r.verdict());
    assertEquals(0.6, r.maxDeviation(), 1e-9);
    // Jain for (0.8, 0.2): 1² / (2 · 0.68)
    assertEquals(1 / 1.36, r.jain(), 1e-9);
  }

  @Test
  void fewRequestsAreInconclusiveAndSayHowManyMore() {
    FairnessResult r = Fairness.ofRequests(counts(16, 14), 0.10);
    assertEquals(FairnessVerdict.INCONCLUSIVE, r.verdict());
    assertTrue(r.moreNeeded() > 100, "needs many more than 30: " + r.moreNeeded());
    // Following the estimate with the same proportions should decide it.
    long n = 30 + r.moreNeeded();
    FairnessResult later = Fairness.ofRequests(counts(n * 16 / 30, n * 14 / 30), 0.10);
    assertTrue(later.verdict() != FairnessVerdict.INCONCLUSIVE || later.moreNeeded() < r.moreNeeded() / 4,
        "the estimate was roughly right: " + later);
  }

  @Test
  void aWorkerThatGotNothingIsUnfair() {
    assertEquals(FairnessVerdict.UNFAIR, Fairness.ofRequests(counts(30, 0), 0.10).verdict());
  }

  @Test
  void bonferroniWidensWithMoreWorkers() {
    double z2 = WilsonInterval.bonferroniZ(0.95, 1);
    double z8 = WilsonInterval.bonferroniZ(0.95, 8);
    assertEquals(1.95996, z2, 1e-4);
    assertEquals(2.73437, z8, 1e-3);
  }

  @Test
  void wilsonIntervalStaysInsideZeroOne() {
    WilsonInterval zero = WilsonInterval.of(0, 10, 1.96);
    assertEquals(0.0, zero.low(), 1e-12);
    assertTrue(zero.high() > 0.2 && zero.high() < 0.35);
    WilsonInterval half = WilsonInterval.of(500, 1000, 1.96);
    assertEquals(0.469, half.low(), 0.001);
    assertEquals(0.531, half.high(), 0.001);
  }

  @Test
  void fourWorkersSlightlyOffButWithinBandIsFairWithEnoughData() {
    FairnessResult r = Fairness.ofRequests(counts(25_500, 24_500, 25_200, 24_800), 0.10);
    assertEquals(FairnessVerdict.FAIR, r.verdict());
    assertTrue(r.jain() > 0.999);
  }

  // Connections under keep-alive: the run's whole placement, judged as counted (see Fairness).

  @Test
  void roundRobinConnectionsAreFair() {
    assertEquals(FairnessVerdict.FAIR, Fairness.ofConnections(counts(25, 25), 0.10).verdict());
    assertEquals(FairnessVerdict.FAIR, Fairness.ofConnections(counts(13, 12, 13, 12), 0.10).verdict());
    assertEquals(FairnessVerdict.FAIR, Fairness.ofConnections(counts(17, 17, 16), 0.10).verdict());
  }

  @Test
  void connectionsOutsideTheBandAreUnfair() {
    FairnessResult twoThirds = Fairness.ofConnections(counts(33, 17), 0.10);
    assertEquals(FairnessVerdict.UNFAIR, twoThirds.verdict());
    assertEquals(FairnessUnit.CONNECTIONS, twoThirds.unit());
    // 50 over 4: 12.5 each, the band 11.25..13.75; one worker with 14 carries 12% more than its share.
    assertEquals(FairnessVerdict.UNFAIR, Fairness.ofConnections(counts(14, 12, 12, 12), 0.10).verdict());
    assertEquals(FairnessVerdict.UNFAIR, Fairness.ofConnections(counts(8, 0), 0.10).verdict(), "a worker with none");
  }

  @Test
  void tooFewConnectionsToResolveTheBandAreInconclusive() {
    // 8 over 4: one connection is half a worker's share, so ±10% cannot show; 40 connections would.
    FairnessResult r = Fairness.ofConnections(counts(2, 2, 2, 2), 0.10);
    assertEquals(FairnessVerdict.INCONCLUSIVE, r.verdict());
    assertEquals(32, r.moreNeeded());
    assertEquals(40, Fairness.connectionsToResolve(4, 0.10));
    assertEquals(20, Fairness.connectionsToResolve(2, 0.10));
    assertEquals(FairnessVerdict.FAIR, Fairness.ofConnections(counts(10, 10, 10, 10), 0.10).verdict());
  }
}
