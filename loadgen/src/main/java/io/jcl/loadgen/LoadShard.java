package io.jcl.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The part of a run that lives on one event loop: its share of the schedule, its connection pools (one
 * per source address), its in-flight requests and everything it records. All mutable state is touched only
 * on this verticle's context; the coordinator reads it after {@link #run} completed, except the volatile
 * progress counters and the thread-safe recorders.
 */
final class LoadShard extends VerticleBase {
  /**
   * In-flight requests are checked against the timeout every timeout/20, within 5..50 ms: precise
   * enough, and each wake-up of an event loop costs CPU (about 0.1 ms on a small VM).
   */
  private static long sweepPeriodMs(LoadSpec spec) {
    return Math.max(5, Math.min(50, spec.timeout().toMillis() / 20));
  }

  private final LoadSpec spec;
  private final int index;
  private final int shards;
  private final OpenModelSchedule schedule;
  private final long timeoutNanos;
  private final long windowNanos;

  final LatencyRecorders recorders = new LatencyRecorders();
  final OutcomeCounts outcomes = new OutcomeCounts();
  final WorkerTally workers;
  final Timeline timeline;
  final RestartTally restartTally = new RestartTally();
  private final RestartMarker restart;
  final List<Set<String>> workersBySource = new ArrayList<>();

  // Progress counters: single writer, read by the coordinator.
  volatile long planned;
  volatile long completed;
  volatile long failed;
  long dispatched;
  long sent;

  private NetClient[] clients;
  private RawHttpPool[] pools;
  private int nextClient;

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
  private final Handler<Void> onPassTimer = t -> pass();
  private boolean started;
  private final Handler<Long> onSweep = id -> sweep();

  LoadShard(LoadSpec spec, int index, int shards, int seconds, int windows, RestartMarker restart) {
    this.spec = spec;
    this.index = index;
    this.shards = shards;
    this.schedule = new OpenModelSchedule(spec.rps(), spec.poisson(), spec.seed(), index, shards);
    this.timeoutNanos = spec.timeout().toNanos();
    this.windowNanos = spec.fairnessWindow().toNanos();
    this.workers = new WorkerTally(seconds, windows);
    this.timeline = new Timeline(seconds);
    this.restart = restart;
  }

  /**
   * One NetClient and pool per source address. A raw HTTP/1.1 exchange over Vert.x NetSockets, not
   * Vert.x's HttpClient: measured here, the latter's per-request machinery cost several times wrk's
   * CPU per request, and a generator's own cost is what limits the rate it can hold.
   */
  @Override
  public Future<?> start() {
    int k = spec.sourceIps();
    clients = new NetClient[k];
    pools = new RawHttpPool[k];
    int poolSize = Math.max(1, spec.connections() / (shards * k));
    Buffer request = EncodedRequest.encode(spec);
    for (int c = 0; c < k; c++) {
      NetClientOptions options = new NetClientOptions()
          .setTcpNoDelay(true)
          .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, spec.timeout().toMillis()));
      if (k > 1) {
        options.setLocalAddress("127.0.0." + (c + 1));
      }
      clients[c] = vertx.createNetClient(options);
      pools[c] = new RawHttpPool(this, clients[c], spec, request, poolSize);
      workersBySource.add(new HashSet<>());
    }
    // Enough slots for the requests a timeout can keep outstanding, twice over; grows only if exceeded.
    double perShardRate = spec.rps() / shards;
    int slots = (int) Math.min(1 << 20, Math.max(64, 2 * perShardRate * (spec.timeout().toNanos() / 1e9 + 0.5)));
    for (int i = 0; i < slots; i++) {
      RequestSlot s = new RequestSlot();
      s.next = free;
      free = s;
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closes = new ArrayList<>();
    for (NetClient c : clients) {
      closes.add(c.close());
    }
    return Future.join(closes);
  }

  /** Starts pacing; completes when every planned request has an outcome. Callable from any thread. */
  Future<Void> run(long t0, long measureStart, long measureEnd) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      this.t0 = t0;
      this.measureStart = measureStart;
      this.measureEnd = measureEnd;
      this.done = promise;
      sweepTimer = vertx.setPeriodic(sweepPeriodMs(spec), onSweep);
      long delay = t0 - System.nanoTime();
      vertx.timer(Math.max(1, delay), TimeUnit.NANOSECONDS).onSuccess(v2 -> {
        started = true;
        pass();
      });
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
    // Timers here wake about 0.1 ms late (VM timer slack). Spinning would be more precise but would starve
    // I/O (Netty runs re-queued tasks for up to its task quantum), so instead every completion also
    // dispatches what has come due: under load the loop wakes far more often than the timer.
    long delay = t0 + schedule.peek() - System.nanoTime();
    vertx.timer(Math.max(1, delay), TimeUnit.NANOSECONDS).onSuccess(onPassTimer);
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
    boolean warmup = plannedAt < measureStart;
    if (!warmup) {
      planned = planned + 1;
      recorders.pacerLag.recordValue(LatencyRecorders.clamp(now - plannedAt));
    }
    RequestSlot slot = acquire();
    slot.state = RequestSlot.ACQUIRING;
    slot.recorded = false;
    slot.warmup = warmup;
    slot.planned = plannedAt;
    slot.status = 0;
    slot.worker = null;
    slot.sent = 0;
    slot.client = nextClient;
    nextClient = nextClient + 1 == clients.length ? 0 : nextClient + 1;
    link(slot);
    dispatched++;
    pools[slot.client].submit(slot);
  }

  void countSent(RequestSlot slot) {
    if (!slot.warmup) {
      sent++;
      if (slot.state == RequestSlot.SENT) {
        recorders.scheduleLag.recordValue(LatencyRecorders.clamp(slot.sent - slot.planned));
      }
    }
  }

  /** Gives the slot its one outcome. Tallies only measured (non-warmup) requests. */
  void record(RequestSlot slot, Outcome outcome) {
    slot.recorded = true;
    unlink(slot);
    if (!slot.warmup) {
      long now = System.nanoTime();
      tally(slot, outcome, now);
    }
    if (planningDone && inflight == 0) {
      finish();
    }
  }

  private void tally(RequestSlot slot, Outcome outcome, long now) {
    long at = now - measureStart;
    long latency = now - slot.planned;
    outcomes.add(outcome);
    timeline.record(outcome, at);
    completed = completed + (outcome == Outcome.IN_FLIGHT_AT_END ? 0 : 1);
    if (outcome.isFailure()) {
      failed = failed + 1;
    }
    // Latency covers responses, and timeouts/NOT_SENT as lower bounds: a stall longer than the timeout
    // must not vanish from the percentiles. Fast failures (refused, reset) carry no latency.
    boolean hasLatency = outcome.hasResponse() || outcome == Outcome.TIMEOUT || outcome == Outcome.NOT_SENT;
    if (hasLatency) {
      recorders.latency.recordValue(LatencyRecorders.clamp(latency));
    }
    if (outcome.hasResponse()) {
      recorders.serviceTime.recordValue(LatencyRecorders.clamp(now - slot.sent));
      int second = timeline.secondOf(at);
      int window = (int) Math.min(workers.windowCount() - 1, Math.max(0, at / windowNanos));
      workers.of(slot.worker).record(outcome, latency, at, second, window);
      if (clients.length > 1) {
        workersBySource.get(slot.client).add(slot.worker == null ? WorkerTally.UNKNOWN : slot.worker);
      }
    }
    // In the window when planned inside it, or when it ended inside it (queued before, hit by it).
    if (restart.contains(slot.planned - measureStart) || restart.contains(at)) {
      restartTally.record(outcome, latency, hasLatency);
    }
  }

  /** The slot's connection is done with it: free it, and send whatever has come due meanwhile. */
  void release(RequestSlot slot) {
    free(slot);
    if (started) {
      dispatchDue(); // the timer chain ends itself when planning is done (see pass)
    }
  }

  void free(RequestSlot slot) {
    slot.state = RequestSlot.FREE;
    slot.connection = null;
    slot.worker = null;
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
      if (!slot.warmup) {
        tally(slot, Outcome.IN_FLIGHT_AT_END, System.nanoTime());
      }
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
