package io.jcl.dsl;

import static io.jcl.dsl.OptionType.*;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every option a deployment has, with its default. The script blocks, the {@code JCL_*} environment,
 * {@code --set}, {@code jcl plan} and the README's reference all read this one table.
 */
public final class Options {

  public static final String SCHEDULING_ROUND_ROBIN = "round-robin";
  public static final String SCHEDULING_OS = "os";
  public static final String SCHEDULING_STICKY = "sticky";
  public static final String HANDOFF_FD = "fd";
  public static final String HANDOFF_PROXY = "proxy";

  private static final Map<String, Option> ALL = new LinkedHashMap<>();

  static {
    add("cluster.name", STRING, null, "name of the cluster in `jcl status/stop`; default: the script's file name");
    add("cluster.workers", WORKERS, "auto", 1, 256, "worker JVMs to run; `auto` = available cores");
    add("cluster.host", STRING, "0.0.0.0", "address the public port binds (all interfaces, as Node does)");
    add("cluster.port", INT, 8080, 1, 65535, "the one public port every worker serves");
    choice("cluster.scheduling", SCHEDULING_ROUND_ROBIN,
        List.of(SCHEDULING_ROUND_ROBIN, SCHEDULING_OS, SCHEDULING_STICKY),
        "how connections reach workers: primary hands them out in turn, kernel SO_REUSEPORT, or by client IP");
    choice("cluster.sticky.by", "ip", List.of("ip"), "what a sticky client is recognised by");
    add("cluster.holdTimeout", DURATION, "5s", "0ms", "1h",
        "round-robin/sticky: how long the primary holds a connection no worker can take, then closes it");
    choice("cluster.handoff", HANDOFF_FD, List.of(HANDOFF_FD, HANDOFF_PROXY),
        "round-robin/sticky: how an accepted connection reaches its worker: `fd` passes the socket (Linux; elsewhere `proxy`), `proxy` copies its bytes through the primary");
    add("cluster.acceptors", WORKERS, "auto", 1, 64,
        "round-robin/sticky: accepting loops in the primary, each with its own SO_REUSEPORT listener; `auto` = 1 per 8 cores");
    add("cluster.workerHeader", STRING, "X-Jcl-Worker",
        "response header naming the worker (`slot-pid`); `workerHeader false` turns it off");
    add("cluster.jvm.heap", SIZE, null, "16m", null,
        "worker -Xmx (then jcl sets no other heap flag); default: half the host's memory over the worker JVMs, starting at 16m");
    add("cluster.jvm.options", STRINGS, List.of(), "extra worker JVM flags");
    add("cluster.jvm.appCds", BOOL, true, "start workers from an AppCDS archive (built on first run)");
    add("cluster.jvm.standby", BOOL, true,
        "keep one spare worker JVM booted (script loaded, not serving): a respawn takes it and is LISTENING in milliseconds");
    add("cluster.jvm.java", STRING, null, "java executable for workers; default: the one running the primary");
    add("cluster.env", MAP, Map.of(), "extra environment variables for workers");
    add("cluster.ipc.maxFrame", SIZE, "1m", "1k", "64m", "largest IPC frame a worker may send");
    add("cluster.ipc.maxQueued", SIZE, "4m", "64k", "1g",
        "bytes the primary may hold for a worker that does not read its IPC link; past it, messages to that worker are refused (a request fails, a send or publish is dropped) and counted");
    add("cluster.readyPort", INT, 0, 0, 65535,
        "port (on `cluster.host`) of `GET /ready` for a load balancer: 200 while this host serves, 503 from the moment it is about to drain or roll; 0 = off");
    add("cluster.readyGrace", DURATION, "2s", "0ms", "1m",
        "with a readyPort: how long /ready says 503 before this host drains or rolls, so the balancer's checks see it first");
    add("cluster.hosts", STRINGS, List.of(),
        "every host's primary (`address` or `address:port`), this one included: they form one cluster over Hazelcast; empty = one machine, no cluster manager");
    add("cluster.join.address", STRING, null,
        "the address this primary binds for the other hosts (Hazelcast and the event bus); default: the one of `hosts` that belongs to this machine");
    add("cluster.join.port", INT, 5701, 1, 65535, "Hazelcast's member port, for hosts listed without one");
    add("cluster.join.busPort", INT, 0, 0, 65535, "port of the event bus between primaries; 0 = any free port");
    add("cluster.join.memberTimeout", DURATION, "5s", "2s", "10m",
        "a host silent this long is removed: its workers' consumers vanish and requests to it fail (Hazelcast's default is 60s)");
    add("cluster.join.group", STRING, null, "name the hosts' primaries cluster under; default: the cluster's name");

    add("health.interval", DURATION, "1s", "50ms", "1h", "how often workers send a heartbeat");
    add("health.timeout", DURATION, "5s", "100ms", "1h", "a worker whose heartbeat is this late is unhealthy");
    add("health.maxHeap", PERCENT, null, "1%", "100%", "heap used above this share of max counts as a failure; default: off");
    add("health.maxEventLoopLag", DURATION, null, "1ms", "1h", "event-loop lag above this counts as a failure; default: off");
    add("health.failAfter", INT, 3, 1, 1000, "failures in a row before a worker is replaced");
    add("health.maxRequests", INT, null, 1, Integer.MAX_VALUE,
        "a worker that served this many requests (after its warm-up) is replaced, as Gunicorn's max_requests; default: off");
    add("health.maxRequestsJitter", INT, 0, 0, Integer.MAX_VALUE,
        "each worker's maxRequests gets a random 0..this added, so workers started together are not all replaced at once");

    add("restart.backoff.initial", DURATION, "100ms", "0ms", "1h", "delay before the first respawn of a dead worker");
    add("restart.backoff.factor", DOUBLE, 2.0, 1.0, 100.0, "each further respawn waits this many times longer");
    add("restart.backoff.max", DURATION, "10s", "0ms", "1h", "longest respawn delay");
    add("restart.backoff.resetAfter", DURATION, "30s", "0ms", "24h",
        "a worker up this long was stable: its slot's next respawn waits `initial` again");
    add("restart.maxRestarts", INT, 10, 0, 100000, "respawns allowed `within` the window before the slot is `errored`");
    add("restart.within", DURATION, "60s", "1s", "24h", "window for `maxRestarts`");
    add("restart.readyTimeout", DURATION, "30s", "100ms", "1h", "a new worker must be LISTENING within this");
    add("restart.drainTimeout", DURATION, "10s", "0ms", "1h", "a draining worker is killed after this");
    add("restart.parallel", INT, 1, 1, 256, "slots restarted at a time in a rolling restart");
    add("restart.warmup", INT, 20_000, 0, 1_000_000,
        "round-robin/sticky: requests a new worker sends its own application (GET routes) before it takes traffic; 0 = none");
    add("restart.warmupTimeout", DURATION, "20s", "0ms", "5m",
        "the warm-up ends after this (or in time for readyTimeout) even if not all its requests were answered");

    add("worker.instances", INT, 1, 1, 64, "HTTP server instances (event loops) for inline routes in each worker");
    add("worker.classpath", STRINGS, List.of(), "extra jars/directories (globs allowed) for verticles, relative to the script");

    // jcl verify: the load, the provoked roll and the thresholds a deployment is checked with (VerifySpec).
    add("verify.rate", DOUBLE, 1000.0, 1.0, 1_000_000.0,
        "planned requests per second (open model); 1,000 keeps a 2-core machine far from saturation during a roll");
    add("verify.duration", DURATION, "20s", "1s", "1h", "measured time");
    add("verify.warmup", DURATION, "2s", "0ms", "10m", "unmeasured lead-in: the rate ramps up and the connections open");
    add("verify.timeout", DURATION, "5s", "1ms", "10m", "a request unanswered this long is a TIMEOUT");
    add("verify.connections", INT, 50, 1, 10_000, "keep-alive connections (ignored with newConnectionPerRequest)");
    add("verify.newConnectionPerRequest", BOOL, false, "open a new connection for every request");
    add("verify.sourceIps", INT, 1, 1, 254,
        "spread clients over 127.0.0.1..K; `sticky true` with 1 uses 16");
    add("verify.roll", BOOL, true, "provoke a rolling restart (`jcl reload`) while the load runs");
    add("verify.rollAt", DURATION, null, "0ms", "1h", "when the roll starts, into the measured part; default: a quarter of the duration (a cold roll of 2 workers took 7 s here)");
    add("verify.maxFailed", INT, 0, 0, null, "most failed requests allowed (all outcomes but OK and in flight at the end)");
    add("verify.p50", DURATION, null, "0ms", "1h", "highest median latency allowed; default: off");
    add("verify.p99", DURATION, null, "0ms", "1h", "highest p99 latency allowed; default: off");
    add("verify.p999", DURATION, null, "0ms", "1h", "highest p99.9 latency allowed; default: off");
    add("verify.max", DURATION, null, "0ms", "1h", "highest latency allowed; default: off");
    add("verify.fair", BOOL, true,
        "require a FAIR verdict, judged per slot (a slot's old and new process count as one across a roll)");
    add("verify.fairnessDelta", DOUBLE, 0.10, 0.001, 0.999, "allowed deviation of a slot's share from an even one");
    add("verify.sticky", BOOL, false, "require every client address to reach one slot");
  }

  private Options() {
  }

  private static void add(String key, OptionType type, Object def, String doc) {
    add(key, type, def, null, null, doc);
  }

  private static void add(String key, OptionType type, Object def, Object min, Object max, String doc) {
    ALL.put(key, new Option(key, type, def, List.of(), min, max, doc));
  }

  private static void choice(String key, String def, List<String> choices, String doc) {
    ALL.put(key, new Option(key, CHOICE, def, choices, null, null, doc));
  }

  public static Collection<Option> all() {
    return ALL.values();
  }

  public static Optional<Option> find(String key) {
    return Optional.ofNullable(ALL.get(key));
  }

  public static Option get(String key) {
    Option o = ALL.get(key);
    if (o == null) {
      throw new IllegalArgumentException("no option " + key);
    }
    return o;
  }

  /** The option whose environment variable this is, if any. */
  public static Optional<Option> byEnvName(String env) {
    return ALL.values().stream().filter(o -> o.envName().equals(env)).findFirst();
  }
}
