package io.jcl.worker;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Event-loop lag on every event loop of the worker, not only the one that sends the heartbeat: a route
 * that blocks another loop stalls every connection that loop serves while the heartbeat stays on time.
 * Each sample posts a probe task on each loop and reads how long the previous one waited to run; a probe
 * still waiting counts with its age so far, so a loop blocked for 20 s reads 1 s, 2 s, ... 20 s, like
 * Node's {@code monitorEventLoopDelay} but seen from outside the loop.
 */
final class EventLoopLag {

  private final List<Probe> probes = new ArrayList<>();

  EventLoopLag(EventExecutorGroup loops) {
    for (EventExecutor loop : loops) {
      probes.add(new Probe(loop));
    }
  }

  /**
   * The lag of each loop (ms) since the last call, and posts the next probes. Any thread: a probe's
   * timestamps are volatile, written once by the loop, read here.
   */
  long[] sample() {
    long now = System.nanoTime();
    long[] lagMs = new long[probes.size()];
    for (int i = 0; i < lagMs.length; i++) {
      lagMs[i] = probes.get(i).lagAndRepost(now);
    }
    return lagMs;
  }

  /** The index of the loop the calling thread is, or -1: which loop sends the heartbeat. */
  int indexOfCurrent() {
    for (int i = 0; i < probes.size(); i++) {
      if (probes.get(i).loop.inEventLoop()) {
        return i;
      }
    }
    return -1;
  }

  /** The index of {@code loop} among the worker's loops, or -1. */
  int indexOf(EventExecutor loop) {
    for (int i = 0; i < probes.size(); i++) {
      if (probes.get(i).loop == loop) {
        return i;
      }
    }
    return -1;
  }

  private static final class Probe {
    private final EventExecutor loop;
    private volatile long postedAt = -1;
    private volatile long ranAt = -1;

    Probe(EventExecutor loop) {
      this.loop = loop;
    }

    long lagAndRepost(long now) {
      long posted = postedAt;
      if (posted < 0) {
        post(now);
        return 0;
      }
      long ran = ranAt;
      if (ran < 0) {
        return (now - posted) / 1_000_000; // still waiting: the loop is busy right now
      }
      post(now);
      return Math.max(0, ran - posted) / 1_000_000;
    }

    private void post(long now) {
      ranAt = -1;
      postedAt = now;
      loop.execute(() -> ranAt = System.nanoTime());
    }
  }
}
