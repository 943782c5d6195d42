package io.jcl.dsl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The immutable model a script becomes before anything runs: resolved, typed and checked for
 * contradictions. The primary and the workers act on this, never on the script's blocks directly.
 */
public record Deployment(ClusterConfig cluster, HealthConfig health, RestartConfig restart,
                         WorkerConfig worker, VerifyConfig verify, Plan plan, ScriptModel script) {

  public record ClusterConfig(String name, int workers, String host, int port, String scheduling,
                              String stickyBy, Duration holdTimeout, String handoff, int acceptors, String workerHeader, JvmConfig jvm,
                              Map<String, String> env, long ipcMaxFrame, long ipcMaxQueued, HostsConfig hosts,
                              int readyPort, Duration readyGrace) {
    /** Empty when the script turned the header off. */
    public boolean hasWorkerHeader() {
      return !workerHeader.isEmpty();
    }
  }

  /**
   * Several hosts: empty {@code members} means one machine. @param address this primary's own; null: the
   * member that is an address of the machine it runs on (found at start, so {@code jcl check} runs anywhere)
   */
  public record HostsConfig(List<String> members, String address, int port, int busPort, Duration memberTimeout,
                            String group) {
    public boolean enabled() {
      return !members.isEmpty();
    }
  }

  /** @param heap null for the JVM's default; @param java null for the primary's own java */
  public record JvmConfig(Size heap, List<String> options, boolean appCds, boolean standby, String java) {
  }

  /** @param maxHeap null when off; @param maxEventLoopLag null when off; @param maxRequests null when off */
  public record HealthConfig(Duration interval, Duration timeout, Percent maxHeap, Duration maxEventLoopLag,
                             int failAfter, Integer maxRequests, int maxRequestsJitter) {
  }

  /**
   * @param warmup        requests a new worker sends its own application before it reports LISTENING
   * @param warmupTimeout the warm-up ends after this even if not all were answered
   */
  public record RestartConfig(Backoff backoff, int maxRestarts, Duration within, Duration readyTimeout,
                              Duration drainTimeout, int parallel, int warmup, Duration warmupTimeout) {
  }

  /** @param classpath absolute entries, globs expanded by the worker launcher */
  public record WorkerConfig(int instances, List<String> classpath) {
  }

  /**
   * How {@code jcl verify} checks the deployment (the {@code verify { }} block, or its defaults).
   *
   * @param rollAt     into the measured part; null when no roll is provoked
   * @param requests   at least one; mixed by weight
   * @param events     scale and kill events, in the order declared
   * @param p50        latency limits: null when off
   */
  public record VerifyConfig(double rate, Duration duration, Duration warmup, Duration timeout, int connections,
                             boolean newConnectionPerRequest, int sourceIps, Duration rollAt,
                             List<VerifyRequest> requests, List<VerifyEvent> events, int maxFailed, Duration p50,
                             Duration p99, Duration p999, Duration max, boolean fair, double fairnessDelta,
                             boolean sticky) {
  }

  /** Builds the model from a resolved plan, or throws every contradiction found. */
  public static Deployment of(Plan plan, ScriptModel script) {
    ClusterConfig cluster = new ClusterConfig(
        str(plan, "cluster.name"),
        workers(plan.value("cluster.workers")),
        str(plan, "cluster.host"),
        (Integer) plan.value("cluster.port"),
        str(plan, "cluster.scheduling"),
        str(plan, "cluster.sticky.by"),
        dur(plan, "cluster.holdTimeout"),
        str(plan, "cluster.handoff"),
        acceptors(plan.value("cluster.acceptors")),
        str(plan, "cluster.workerHeader"),
        new JvmConfig(
            plan.value("cluster.jvm.heap") == null ? null : Size.parse(str(plan, "cluster.jvm.heap")),
            strings(plan, "cluster.jvm.options"),
            (Boolean) plan.value("cluster.jvm.appCds"),
            (Boolean) plan.value("cluster.jvm.standby"),
            str(plan, "cluster.jvm.java")),
        map(plan, "cluster.env"),
        Size.parse(str(plan, "cluster.ipc.maxFrame")).bytes(),
        Size.parse(str(plan, "cluster.ipc.maxQueued")).bytes(),
        hosts(plan),
        (Integer) plan.value("cluster.readyPort"),
        dur(plan, "cluster.readyGrace"));
    HealthConfig health = new HealthConfig(
        dur(plan, "health.interval"),
        dur(plan, "health.timeout"),
        plan.value("health.maxHeap") == null ? null : Percent.parse(str(plan, "health.maxHeap")),
        dur(plan, "health.maxEventLoopLag"),
        (Integer) plan.value("health.failAfter"),
        (Integer) plan.value("health.maxRequests"),
        (Integer) plan.value("health.maxRequestsJitter"));
    RestartConfig restart = new RestartConfig(
        new Backoff(dur(plan, "restart.backoff.initial"), ((Number) plan.value("restart.backoff.factor")).doubleValue(),
            dur(plan, "restart.backoff.max"), dur(plan, "restart.backoff.resetAfter")),
        (Integer) plan.value("restart.maxRestarts"),
        dur(plan, "restart.within"),
        dur(plan, "restart.readyTimeout"),
        dur(plan, "restart.drainTimeout"),
        (Integer) plan.value("restart.parallel"),
        (Integer) plan.value("restart.warmup"),
        dur(plan, "restart.warmupTimeout"));
    Path base = script == null ? Path.of("") : script.scriptDir();
    WorkerConfig worker = new WorkerConfig(
        (Integer) plan.value("worker.instances"),
        strings(plan, "worker.classpath").stream().map(e -> base.resolve(e).toString()).toList());
    Duration verifyDuration = dur(plan, "verify.duration");
    Duration rollAt = dur(plan, "verify.rollAt");
    boolean sticky = (Boolean) plan.value("verify.sticky");
    int sourceIps = (Integer) plan.value("verify.sourceIps");
    VerifyConfig verify = new VerifyConfig(
        ((Number) plan.value("verify.rate")).doubleValue(),
        verifyDuration,
        dur(plan, "verify.warmup"),
        dur(plan, "verify.timeout"),
        (Integer) plan.value("verify.connections"),
        (Boolean) plan.value("verify.newConnectionPerRequest"),
        // Stickiness is seen only from several client addresses; 16 gives every slot of a small cluster some.
        sticky && sourceIps == 1 ? 16 : sourceIps,
        // A quarter in: the rest of the run leaves a cold roll time to finish and the new workers time to serve.
        !(Boolean) plan.value("verify.roll") ? null : rollAt != null ? rollAt : verifyDuration.dividedBy(4),
        script == null || script.verifyRequests().isEmpty() ? List.of(VerifyRequest.DEFAULT) : script.verifyRequests(),
        script == null ? List.of() : script.verifyEvents(),
        (Integer) plan.value("verify.maxFailed"),
        dur(plan, "verify.p50"),
        dur(plan, "verify.p99"),
        dur(plan, "verify.p999"),
        dur(plan, "verify.max"),
        (Boolean) plan.value("verify.fair"),
        ((Number) plan.value("verify.fairnessDelta")).doubleValue(),
        sticky);
    Deployment d = new Deployment(cluster, health, restart, worker, verify, plan, script);
    List<Problem> problems = d.contradictions();
    if (!problems.isEmpty()) {
      throw new ScriptProblems(problems);
    }
    return d;
  }

  private List<Problem> contradictions() {
    List<Problem> out = new ArrayList<>();
    if (health.timeout().compareTo(health.interval()) <= 0) {
      out.add(new Problem(plan.position("health.timeout"), "health.timeout (" + Durations.format(health.timeout())
          + ") must be longer than health.interval (" + Durations.format(health.interval())
          + "), or every worker is late"));
    }
    if (restart.backoff().initial().compareTo(restart.backoff().max()) > 0) {
      out.add(new Problem(plan.position("restart.backoff.initial"), "restart.backoff.initial ("
          + Durations.format(restart.backoff().initial()) + ") is longer than restart.backoff.max ("
          + Durations.format(restart.backoff().max()) + ")"));
    }
    if (restart.parallel() > cluster.workers() && !"auto".equals(plan.value("cluster.workers"))) {
      out.add(new Problem(plan.position("restart.parallel"), "restart.parallel (" + restart.parallel()
          + ") is more than the " + cluster.workers() + " workers: a rolling restart would stop them all at once"));
    }
    if (script != null && script.stickyBlock() != null && !cluster.scheduling().equals(Options.SCHEDULING_STICKY)) {
      out.add(new Problem(script.stickyBlock(), "sticky { } only applies with scheduling 'sticky' (it is '"
          + cluster.scheduling() + "')"));
    }
    if (verify.rollAt() != null && verify.rollAt().compareTo(verify.duration()) >= 0) {
      out.add(new Problem(plan.position("verify.rollAt"), "verify: the roll at " + Durations.format(verify.rollAt())
          + " is not within the duration (" + Durations.format(verify.duration()) + ")"));
    }
    for (VerifyEvent e : verify.events()) {
      if (e.at().compareTo(verify.duration()) >= 0) {
        out.add(new Problem(e.position(), "verify: " + e.describe() + " is not within the duration ("
            + Durations.format(verify.duration()) + ")"));
      }
    }
    if (verify.sticky() && !cluster.scheduling().equals(Options.SCHEDULING_STICKY)) {
      out.add(new Problem(plan.position("verify.sticky"), "verify.sticky needs scheduling 'sticky' (it is '"
          + cluster.scheduling() + "')"));
    }
    if ((verify.fair() || verify.sticky()) && !cluster.hasWorkerHeader()) {
      out.add(new Problem(plan.position(verify.fair() ? "verify.fair" : "verify.sticky"),
          "verify: fairness and stickiness are judged from the worker header, which workerHeader false turns off"));
    }
    if (cluster.hasWorkerHeader() && !cluster.workerHeader().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      out.add(new Problem(plan.position("cluster.workerHeader"), "cluster.workerHeader: '" + cluster.workerHeader()
          + "' is not a valid HTTP header name"));
    }
    if (cluster.hosts().enabled()) {
      for (String m : cluster.hosts().members()) {
        String problem = HostAddress.problem(m);
        if (problem != null) {
          out.add(new Problem(plan.position("cluster.hosts"), "cluster.hosts: " + problem));
        }
      }
    }
    if (script != null && script.worker() != null && !script.worker().hasHttp()
        && script.worker().verticles().isEmpty()) {
      out.add(new Problem(script.workerBlock(), "worker { } declares nothing to serve: add http { } routes or a verticle"));
    }
    return out;
  }

  private static HostsConfig hosts(Plan plan) {
    List<String> members = strings(plan, "cluster.hosts");
    String address = str(plan, "cluster.join.address");
    String group = str(plan, "cluster.join.group");
    return new HostsConfig(members, address, (Integer) plan.value("cluster.join.port"),
        (Integer) plan.value("cluster.join.busPort"), dur(plan, "cluster.join.memberTimeout"),
        group != null ? group : str(plan, "cluster.name"));
  }

  static int workers(Object v) {
    return "auto".equals(v) ? Runtime.getRuntime().availableProcessors() : (Integer) v;
  }

  /**
   * One accepting loop handles tens of thousands of connections per second and costs a thread; DESIGN.md
   * saw one saturate only on a 16-core machine, so {@code auto} adds one per 8 cores.
   */
  static int acceptors(Object v) {
    return "auto".equals(v) ? Math.max(1, Runtime.getRuntime().availableProcessors() / 8) : (Integer) v;
  }

  private static String str(Plan plan, String key) {
    Object v = plan.value(key);
    return v == null ? null : v.toString();
  }

  private static Duration dur(Plan plan, String key) {
    return Option.duration(plan.value(key));
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Plan plan, String key) {
    return List.copyOf((List<String>) plan.value(key));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> map(Plan plan, String key) {
    return Map.copyOf((Map<String, String>) plan.value(key));
  }
}
