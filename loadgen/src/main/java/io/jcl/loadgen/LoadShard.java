package io.jcl.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Timer;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The part of a run that lives on one event loop: its share of the schedule, its HTTP clients (one per
 * source address), its in-flight requests and everything it records. All mutable state is touched only
 * on this verticle's context; the coordinator reads it after {@link #run} completed, except the volatile
 * progress counters and the thread-safe recorders.
 */
final class LoadShard extends VerticleBase {
  /** How often in-flight requests are checked against the timeout. */
  private static final long SWEEP_PERIOD_MS = 5;

  private final LoadSpec spec;
  private final int index;
  private final int shards;
  final String workerHeader;
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

  private HttpClientAgent[] clients;
  private RequestOptions[] requestOptions;
  private Buffer body;
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
  private final Handler<Timer> onPassTimer = t -> pass();
  private final Handler<Long> onSweep = id -> sweep();

  LoadShard(LoadSpec spec, int index, int shards, int seconds, int windows, RestartMarker restart) {
    this.spec = spec;
    this.index = index;
    this.shards = shards;
    this.workerHeader = spec.workerHeader();
    this.schedule = new OpenModelSchedule(spec.rps(), spec.poisson(), spec.seed(), index, shards);
    this.timeoutNanos = spec.timeout().toNanos();
    this.windowNanos = spec.fairnessWindow().toNanos();
    this.workers = new WorkerTally(seconds, windows);
    this.timeline = new Timeline(seconds);
    this.restart = restart;
  }

  @Override
  public Future<?> start() {
    int k = spec.sourceIps();
    clients = new HttpClientAgent[k];
    requestOptions = new RequestOptions[k];
    int poolSize = Math.max(1, spec.connections() / (shards * k));
    // Our own sweep decides NOT_SENT and TIMEOUT; Vert.x's connect timeout is only a backstop that
    // eventually releases a request stuck waiting for a connection.
    long backstopMs = spec.timeout().toMillis() + spec.drain().toMillis() + 1000;
    for (int c = 0; c < k; c++) {
      HttpClientOptions options = new HttpClientOptions()
          .setDefaultHost(spec.host())
          .setDefaultPort(spec.port())
          .setKeepAlive(!spec.newConnectionPerRequest())
          .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, spec.timeout().toMillis()))
          .setTcpNoDelay(true);
      if (k > 1) {
        options.setLocalAddress("127.0.0." + (c + 1));
      }
      clients[c] = vertx.httpClientBuilder()
          .with(options)
          .with(new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(-1))
          .build();
      RequestOptions ro = new RequestOptions()
          .setMethod(spec.method())
          .setHost(spec.host())
          .setPort(spec.port())
          .setURI(spec.pathAndQuery())
          .setConnectTimeout(backstopMs);
      spec.headers().forEach(ro::putHeader);
      requestOptions[c] = ro;
      workersBySource.add(new HashSet<>());
    }
    byte[] b = spec.body();
    body = b == null ? null : Buffer.buffer(b);
    // Enough slots for the requests a timeout can keep outstanding, twice over; grows only if exceeded.
    double perShardRate = spec.rps() / shards;
    int slots = (int) Math.min(1 << 20, Math.max(64, 2 * perShardRate * (spec.timeout().toNanos() / 1e9 + 0.5)));
    for (int i = 0; i < slots; i++) {
      RequestSlot s = new RequestSlot(this);
      s.next = free;
      free = s;
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closes = new ArrayList<>();
    for (HttpClientAgent c : clients) {
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
      sweepTimer = vertx.setPeriodic(SWEEP_PERIOD_MS, onSweep);
      long delay = t0 - System.nanoTime();
      if (delay > 0) {
        vertx.timer(delay, TimeUnit.NANOSECONDS).onSuccess(onPassTimer);
      } else {
        pass();
      }
    });
    return promise.future();
  }

  /** Sends every request whose planned time has come, then sleeps until the next one is due. */
  private void pass() {
    long now = System.nanoTime();
    while (true) {
      long plannedAt = t0 + schedule.peek();
      if (plannedAt >= measureEnd) {
        planningDone = true;
        break;
      }
      if (plannedAt > now) {
        break;
      }
      schedule.advance();
      dispatch(plannedAt, now);
      now = System.nanoTime();
    }
    if (planningDone) {
      startDrain();
      return;
    }
    long delay = t0 + schedule.peek() - System.nanoTime();
    vertx.timer(Math.max(1, delay), TimeUnit.NANOSECONDS).onSuccess(onPassTimer);
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
    slot.client = nextClient;
    nextClient = nextClient + 1 == clients.length ? 0 : nextClient + 1;
    link(slot);
    dispatched++;
    clients[slot.client].request(requestOptions[slot.client]).onComplete(slot.onRequest);
  }

  Future<HttpClientResponse> send(HttpClientRequest request) {
    // A Buffer handed to Netty may be consumed by the write: send a copy of the body each time.
    return body == null ? request.send() : request.send(body.copy());
  }

  void countSent(RequestSlot slot) {
    if (!slot.warmup) {
      sent++;
      if (slot.sent != 0 && slot.state == RequestSlot.SENT) {
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
    if (restart.contains(slot.planned - measureStart)) {
      restartTally.record(outcome, latency, hasLatency);
    }
  }

  void release(RequestSlot slot) {
    slot.state = RequestSlot.FREE;
    slot.request = null;
    slot.worker = null;
    slot.sent = 0;
    slot.next = free;
    free = slot;
  }

  private RequestSlot acquire() {
    RequestSlot slot = free;
    if (slot == null) {
      return new RequestSlot(this); // more outstanding than planned for: grow rather than drop
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
      if (slot.state == RequestSlot.ACQUIRING) {
        record(slot, Outcome.NOT_SENT);
      } else if (slot.sent + timeoutNanos <= now) {
        HttpClientRequest req = slot.request;
        record(slot, Outcome.TIMEOUT);
        if (req != null) {
          req.reset(); // its callbacks then fail and free the slot
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
      HttpClientRequest req = slot.request;
      slot.recorded = true;
      unlink(slot);
      if (!slot.warmup) {
        tally(slot, Outcome.IN_FLIGHT_AT_END, System.nanoTime());
      }
      if (req != null) {
        req.reset();
      }
    }
    done.complete();
  }
}
