package io.jcl.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The part of a run that lives on one event loop: its share of the schedule, its connection pools (one
 * per source address), its in-flight requests and everything it records. All mutable state is touched only
 * on this verticle's context; the coordinator reads it after {@link #run} completed, except the volatile
 * progress counters and the thread-safe recorders of {@link #measured}.
 */
final class LoadShard extends VerticleBase {
  /**
   * In-flight requests are checked against the timeout every timeout/20, within 5..50 ms: precise
   * enough, and each wake-up of an event loop costs CPU (about 0.1 ms on a small VM).
   */
  private static long sweepPeriodMs(LoadSpec spec) {
    return Math.max(5, Math.min(50, spec.timeout().toMillis() / 20));
  }

  /**
   * Below this gap to the next planned request the pacer polls (yields to I/O and checks again) rather
   * than sleeps: putting the event loop to sleep and waking it costs about 25 us of CPU on this kind of
   * VM (measured with perf: the context switch in epoll_pwait2), more than polling for that long does.
   * Only in precise mode (see {@link #BURST_NANOS}): polling all the time at high rates kept a core busy.
   */
  static final long POLL_NANOS = 20_000;

  /**
   * Timers wake precisely (see {@link TimerSlack}) only when this loop's requests are at least this far
   * apart. Closer together, the kernel's default slack lets one wake-up send several due requests, which
   * saves a wake-up (~25 us of CPU) per request: measured at 20,000 req/s, precise wake-ups cost 10-20% more
   * CPU, for a pacer lag the rule (p99 under 50 us) could not meet on this machine either way.
   */
  static final long PRECISE_WAKE_UP_INTERVAL_NANOS = 100_000;

  /**
   * Closer together than {@link #PRECISE_WAKE_UP_INTERVAL_NANOS}, requests leave in bursts: the pacer
   * sleeps at least this long between passes, each pass sends everything due, and completions leave sending
   * to the pacer. Per-request wake-ups (or polling, below {@link #POLL_NANOS}) kept this loop busy for a
   * whole core at 45,000 req/s; bursts cut the generator's CPU there by about 10% (measured on this 2-core
   * VM, 4 paired runs). Planned times do not move: the wait shows in pacer lag and latency (at most this).
   */
  static final long BURST_NANOS = 200_000;

  private final LoadSpec spec;
  private final int index;
  private final int shards;
  private final OpenModelSchedule schedule;
  private final long timeoutNanos;
  private final long windowNanos;

  /** What the report is made of. */
  final ShardTally measured;
  /** Warmup requests, tallied the same way and then ignored (see {@link ShardTally}). */
  private final ShardTally warm;
  /** [0] measured, [1] warm: picked by the sign of (planned − measurement start), without a branch. */
  private final ShardTally[] byPhase;
  private final RestartWindows restarts;

  long dispatched;

  private RawHttpPool[] pools;
  private int nextClient;
  private EventLoop loop;
  /** Requests closer together than {@link #PRECISE_WAKE_UP_INTERVAL_NANOS}: sent in bursts. */
  private boolean bursts;

  private RequestSlot inflightHead;
  private RequestSlot inflightTail;
  private int inflight;
  private RequestSlot free;

  private long t0;
  private long measureStart;
  private long measureEnd;
  private boolean planningDone;
  private boolean finished;
  private long sweepTimer = -1;
  private Promise<Void> done;
  /** When the pending pacer wake-up is due (Long.MAX_VALUE: none is). */
  private long wakeUpAt = Long.MAX_VALUE;
  private final Runnable onWakeUp = () -> {
    wakeUpAt = Long.MAX_VALUE;
    pass();
  };
  private boolean started;
  private int[] mix;
  private int nextKind;
  private final Handler<Long> onSweep = id -> sweep();

  LoadShard(LoadSpec spec, int index, int shards, int seconds, int windows, RestartWindows restarts) {
    this.spec = spec;
    this.index = index;
    this.shards = shards;
    this.schedule = new OpenModelSchedule(spec.rps(), spec.poisson(), spec.seed(), index, shards,
        spec.warmup().toNanos());
    this.timeoutNanos = spec.timeout().toNanos();
    this.windowNanos = spec.fairnessWindow().toNanos();
    this.measured = new ShardTally(seconds, windows, spec.sourceIps());
    this.warm = new ShardTally(seconds, windows, spec.sourceIps());
    this.byPhase = new ShardTally[] {measured, warm};
    this.restarts = restarts;
  }

  /**
   * One pool per source address, of raw Netty channels on this verticle's own event loop. A raw HTTP/1.1
   * exchange, not Vert.x's HttpClient nor even its NetSocket: measured here, their per-request machinery
   * cost several times wrk's CPU per request, and a generator's own cost is what limits the rate it can hold.
   */
  @Override
  public Future<?> start() {
    loop = ((ContextInternal) context).nettyEventLoop();
    if (spec.intervalNanos() * shards >= PRECISE_WAKE_UP_INTERVAL_NANOS) {
      TimerSlack.minimize(); // start() runs on that event loop: its timers now wake when asked, not 50 us later
    } else {
      bursts = true;
    }
    int k = spec.sourceIps();
    pools = new RawHttpPool[k];
    int poolSize = Math.max(1, spec.connections() / (shards * k));
    byte[][] request = EncodedRequest.encodeAll(spec);
    mix = RequestMix.sequence(spec.requests());
    WorkerIds workerIds = new WorkerIds();
    byte[] scratch = new byte[64 * 1024];
    int connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, spec.timeout().toMillis());
    Bootstrap base = RawHttpPool.bootstrap(new Bootstrap().group(loop)
        .channelFactory(((VertxInternal) vertx).transport().channelFactory(false)), connectTimeoutMs);
    // Enough slots for the requests a timeout can keep outstanding, twice over; grows only if exceeded.
    double perShardRate = spec.rps() / shards;
    int slots = (int) Math.min(1 << 20, Math.max(64, 2 * perShardRate * (spec.timeout().toNanos() / 1e9 + 0.5)));
    for (int i = 0; i < slots; i++) {
      RequestSlot s = new RequestSlot();
      s.next = free;
      free = s;
    }
    // Resolved once (a loopback name or address), off the event loop, not per connection.
    return vertx.executeBlocking(() -> new InetSocketAddress(host(spec), spec.port())).map(target -> {
      for (int c = 0; c < k; c++) {
        Bootstrap b = k > 1 ? base.clone().localAddress(new InetSocketAddress("127.0.0." + (c + 1), 0)) : base;
        pools[c] = new RawHttpPool(this, b, target, spec, request, workerIds, scratch, poolSize);
      }
      return null;
    });
  }

  private static String host(LoadSpec spec) {
    String h = spec.host();
    return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
  }

  @Override
  public Future<?> stop() {
    for (RawHttpPool pool : pools) {
      if (pool != null) {
        pool.closeAll();
      }
    }
    return Future.succeededFuture();
  }

  /** Read once the run has completed. Connections over the whole run, waits of measured requests. */
  ConnectionCounts connectionCounts() {
    long opened = 0;
    long peak = 0;
    for (RawHttpPool pool : pools) {
      opened += pool.opened;
      peak += pool.peakOpen;
    }
    return new ConnectionCounts(opened, peak, measured.waited);
  }

  /** Starts pacing; completes when every planned request has an outcome. Callable from any thread. */
  Future<Void> run(long t0, long measureStart, long measureEnd) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      this.t0 = t0;
      this.measureStart = measureStart;
      this.measureEnd = measureEnd;
      this.done = promise;
      if (!spec.newConnectionPerRequest()) {
        for (RawHttpPool pool : pools) {
          pool.prime(); // the connections the scheduler places, all of them before the first request
        }
      }
      sweepTimer = vertx.setPeriodic(sweepPeriodMs(spec), onSweep);
      long delay = t0 - System.nanoTime();
      loop.schedule(() -> {
        started = true;
        pass();
      }, Math.max(1, delay), TimeUnit.NANOSECONDS);
    });
    return promise.future();
  }

  /** Sends every request whose planned time has come, then sleeps until the next one is due. */
  private void pass() {
    dispatchDue();
    if (planningDone) {
      startDrain();
      return;
    }
    wakeUpAt(t0 + schedule.peek());
  }

  /**
   * Arranges a pass at {@code at}, unless one is pending already by then. A short gap is polled: a task
   * due now, which Netty runs after a non-blocking look at I/O (a task re-queued with execute() would starve
   * I/O for Netty's whole task quantum instead). In burst mode no pass comes sooner than BURST_NANOS.
   */
  private void wakeUpAt(long at) {
    long now = System.nanoTime();
    if (bursts) {
      at = Math.max(at, now + BURST_NANOS);
    }
    if (wakeUpAt <= at) {
      return;
    }
    wakeUpAt = at;
    long delay = at - now;
    loop.schedule(onWakeUp, delay < POLL_NANOS ? 0 : delay, TimeUnit.NANOSECONDS);
  }

  private void dispatchDue() {
    if (planningDone) {
      return;
    }
    long now = System.nanoTime();
    while (true) {
      long plannedAt = t0 + schedule.peek();
      if (plannedAt >= measureEnd) {
        planningDone = true;
        return;
      }
      if (plannedAt > now) {
        return;
      }
      schedule.advance();
      dispatch(plannedAt, now);
      now = System.nanoTime();
    }
  }

  private void dispatch(long plannedAt, long now) {
    // A branch here would be one the JIT compiles for warmup only, and deoptimizes when measurement starts.
    ShardTally tally = byPhase[(int) ((plannedAt - measureStart) >>> 63)];
    tally.planned = tally.planned + 1;
    long lag = now - plannedAt;
    tally.recorders.pacerLag.recordValue(LatencyRecorders.clamp(lag));
    tally.handedOff(plannedAt, lag, now - measureStart);
    RequestSlot slot = acquire();
    slot.state = RequestSlot.ACQUIRING;
    slot.recorded = false;
    slot.tally = tally;
    slot.planned = plannedAt;
    slot.handedOff = now;
    slot.status = 0;
    slot.worker = null;
    slot.sent = 0;
    slot.client = nextClient;
    slot.kind = mix[nextKind];
    nextKind = nextKind + 1 == mix.length ? 0 : nextKind + 1;
    nextClient = nextClient + 1 == pools.length ? 0 : nextClient + 1;
    link(slot);
    dispatched++;
    pools[slot.client].submit(slot);
  }

  void countSent(RequestSlot slot) {
    ShardTally tally = slot.tally;
    tally.sent++;
    if (slot.state == RequestSlot.SENT) {
      tally.recorders.scheduleLag.recordValue(LatencyRecorders.clamp(slot.sent - slot.planned));
    }
  }

  /** Gives the slot its one outcome, in the tally of its phase. */
  void record(RequestSlot slot, Outcome outcome) {
    slot.recorded = true;
    unlink(slot);
    tally(slot, outcome, System.nanoTime());
    if (planningDone && inflight == 0) {
      finish();
    }
  }

  private void tally(RequestSlot slot, Outcome outcome, long now) {
    ShardTally t = slot.tally;
    long at = now - measureStart; // negative during warmup: every index below clamps
    long latency = now - slot.planned;
    t.outcomes.add(outcome);
    t.timeline.record(outcome, at);
    t.completed = t.completed + (outcome == Outcome.IN_FLIGHT_AT_END ? 0 : 1);
    if (outcome.isFailure()) {
      t.failed = t.failed + 1;
    }
    // Latency covers responses, and timeouts/NOT_SENT as lower bounds: a stall longer than the timeout
    // must not vanish from the percentiles. Fast failures (refused, reset) carry no latency.
    boolean hasLatency = outcome.hasResponse() || outcome == Outcome.TIMEOUT || outcome == Outcome.NOT_SENT;
    if (hasLatency) {
      t.recorders.latency.recordValue(LatencyRecorders.clamp(latency));
      t.recorders.afterHandOff.recordValue(LatencyRecorders.clamp(now - slot.handedOff));
    }
    if (outcome.hasResponse()) {
      if (now < measureEnd) {
        t.responsesInTime++;
        t.okInTime += outcome == Outcome.OK ? 1 : 0;
      }
      t.recorders.serviceTime.recordValue(LatencyRecorders.clamp(now - slot.sent));
      int second = t.timeline.secondOf(at);
      int window = (int) Math.min(t.workers.windowCount() - 1, Math.max(0, at / windowNanos));
      WorkerStats worker = t.workers.of(slot.worker);
      worker.record(outcome, latency, at, second, window);
      RawHttpConnection c = slot.connection;
      if (c != null) {
        c.place(t, worker, window);
      }
      if (pools.length > 1 || spec.placedBySource()) { // a sticky target's fairness counts addresses, even one
        t.workersBySource.get(slot.client).add(slot.worker == null ? WorkerTally.UNKNOWN : slot.worker);
      }
    }
    // In a window when planned inside it, or when it ended inside it (queued before, hit by it).
    long plannedAt = slot.planned - measureStart;
    boolean inside = false;
    for (int i = 0, n = restarts.count(); i < n; i++) {
      RestartMarker m = restarts.marker(i);
      if (m.contains(plannedAt) || m.contains(at)) {
        t.restartTally(i).record(outcome, latency, hasLatency);
        inside = true;
      }
    }
    if (!inside) {
      t.outsideRestart.record(outcome, latency, hasLatency); // the yardstick the windows are compared with
    }
  }

  /**
   * The slot's connection is done with it: free it, and (unless sending in bursts) send whatever has come
   * due meanwhile, so that at moderate rates most requests leave without a wake-up of their own.
   */
  void release(RequestSlot slot) {
    free(slot);
    if (started && !bursts) {
      dispatchDue(); // the timer chain ends itself when planning is done (see pass)
    }
  }

  void free(RequestSlot slot) {
    slot.state = RequestSlot.FREE;
    slot.connection = null;
    slot.worker = null;
    slot.tally = null;
    slot.next = free;
    free = slot;
  }

  private RequestSlot acquire() {
    RequestSlot slot = free;
    if (slot == null) {
      return new RequestSlot(); // more outstanding than planned for: grow rather than drop
    }
    free = slot.next;
    slot.next = null;
    return slot;
  }

  private void link(RequestSlot slot) {
    slot.prev = inflightTail;
    slot.next = null;
    if (inflightTail == null) {
      inflightHead = slot;
    } else {
      inflightTail.next = slot;
    }
    inflightTail = slot;
    inflight++;
  }

  private void unlink(RequestSlot slot) {
    if (slot.prev == null) {
      inflightHead = slot.next;
    } else {
      slot.prev.next = slot.next;
    }
    if (slot.next == null) {
      inflightTail = slot.prev;
    } else {
      slot.next.prev = slot.prev;
    }
    slot.prev = null;
    slot.next = null;
    inflight--;
  }

  /**
   * Times out what waited too long. The in-flight list is in planned order, and a request is sent no
   * earlier than planned, so nothing after the first slot planned less than a timeout ago can be due.
   */
  private void sweep() {
    long now = System.nanoTime();
    RequestSlot slot = inflightHead;
    while (slot != null && slot.planned + timeoutNanos <= now) {
      RequestSlot next = slot.next;
      if (slot.state == RequestSlot.QUEUED || slot.state == RequestSlot.ACQUIRING) {
        record(slot, Outcome.NOT_SENT);
      } else if (slot.sent + timeoutNanos <= now) {
        RawHttpConnection c = slot.connection;
        record(slot, Outcome.TIMEOUT);
        if (c != null) {
          c.close(); // its close frees the slot
        }
      }
      slot = next;
    }
  }

  private void startDrain() {
    if (inflight == 0) {
      finish();
      return;
    }
    long drainMs = Math.max(1, spec.drain().toMillis());
    vertx.setTimer(drainMs, id -> finish());
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    vertx.cancelTimer(sweepTimer);
    while (inflightHead != null) {
      RequestSlot slot = inflightHead;
      RawHttpConnection c = slot.connection;
      slot.recorded = true;
      unlink(slot);
      tally(slot, Outcome.IN_FLIGHT_AT_END, System.nanoTime());
      if (c != null) {
        c.close();
      }
    }
    for (RawHttpPool pool : pools) {
      pool.clear();
    }
    done.complete();
  }
}
