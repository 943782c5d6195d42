package io.jcl.primary;

import io.jcl.dsl.Deployment;
import io.jcl.dsl.Size;
import io.jcl.dsl.VerticleRef;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a worker JVM is sized to, and why: a JVM left to itself sizes for a server alone on its host (a
 * quarter of the RAM as its heap, 1/64 of it committed up front, G1, Vert.x's event loops at twice the
 * cores), and a cluster runs one per core. jcl knows how many JVMs share the host and what each one
 * runs, so it sizes them, and {@code jcl plan} prints each choice with its reason.
 *
 * <p>The script wins wherever it says something: {@code jvm { heap }} is the worker's {@code -Xmx} and
 * jcl then sets no other heap flag; a collector in {@code jvm { options }} replaces jcl's; any other
 * flag in {@code options} that sets what a derived flag sets replaces it. Measured figures are in the
 * README ("Memory") and {@code bench/memory}.
 */
public final class WorkerSizing {

  /** One derived setting: the flag (or NAME=value) and the reason it was chosen. */
  public record Choice(String value, String why) {
  }

  /** The environment variables a worker reads its Vert.x pool sizes from (the worker boots Vert.x before it reads the plan). */
  public static final String EVENT_LOOPS_ENV = "JCL_EVENT_LOOPS";
  public static final String WORKER_POOL_ENV = "JCL_WORKER_POOL";
  public static final String BLOCKING_POOL_ENV = "JCL_INTERNAL_BLOCKING_POOL";

  /** The share of the host's memory all workers' heaps may grow to together. */
  static final double HEAP_SHARE_OF_HOST = 0.5;
  static final long MIN_HEAP = 64L << 20;
  /** Above this a JVM loses compressed object pointers. */
  static final long MAX_HEAP = 31L << 30;
  /** Committed heap at start; the heap grows with what the application keeps. */
  static final String INITIAL_HEAP = "16m";
  /** Serial's defaults are 40 / 70: grow to keep 40% of the old generation free, give back only above 70%. */
  static final String MIN_HEAP_FREE = "10";
  static final String MAX_HEAP_FREE = "30";
  /**
   * A worker's C2 frees its arenas within seconds of compiling; at 5 s a worker measured 1 s after load
   * still held 8-10 MB of them (paired probe, 2026-12-06: 74-77 MB PSS against 82-87).
   */
  static final String TRIM_INTERVAL_MS = "1000";
  public static final int WORKER_POOL_DEFAULT = 8;
  public static final int BLOCKING_POOL_DEFAULT = 4;

  private final List<Choice> flags = new ArrayList<>();
  private final Map<String, Choice> env = new LinkedHashMap<>();
  private final int eventLoops;

  private WorkerSizing(Deployment d, long hostMemory, Runtime.Version workerJava) {
    Deployment.JvmConfig jvm = d.cluster().jvm();
    List<String> own = jvm.options();
    int jvms = d.cluster().workers() + (jvm.standby() ? 1 : 0);
    if (jvm.heap() != null) {
      flags.add(new Choice("-Xmx" + jvm.heap().canonical(), "jvm { heap } in the script (jcl sets no other heap flag)"));
    } else if (!sets(own, "MaxHeapSize") && !sets(own, "MaxRAMPercentage") && !sets(own, "MaxRAM")) {
      long heap = Math.max(MIN_HEAP, Math.min(MAX_HEAP, (long) (hostMemory * HEAP_SHARE_OF_HOST / jvms)));
      heap = heap >> 20 << 20;
      flags.add(new Choice("-Xmx" + new Size(heap).canonical(), String.format(Locale.ROOT,
          "the limit a worker's heap may grow to: half of the host's %s shared by %d worker JVM(s)%s, at least %s",
          new Size(hostMemory >> 20 << 20).canonical(), jvms, jvm.standby() ? " (standby included)" : "",
          new Size(MIN_HEAP).canonical())));
    }
    if (jvm.heap() == null && !sets(own, "InitialHeapSize") && !sets(own, "NewSize") && !sets(own, "MaxNewSize")) {
      flags.add(new Choice("-Xms" + INITIAL_HEAP, "the JVM would commit 1/64 of the host's memory up front "
          + "and let every young collection fill it; the heap grows from here with what the application keeps"));
    }
    if (jvm.heap() == null && !sets(own, "MinHeapFreeRatio") && !sets(own, "MaxHeapFreeRatio")) {
      flags.add(new Choice("-XX:MinHeapFreeRatio=" + MIN_HEAP_FREE, "the old generation grows to keep 10% free, "
          + "not 40%: a hello worker's 17 MB of old objects were given 22 MB"));
      flags.add(new Choice("-XX:MaxHeapFreeRatio=" + MAX_HEAP_FREE, "and is given back after a full collection "
          + "above 30% free, not 70%; the price is one more full collection, ~25 ms, while a worker starts"));
    }
    if (!setsCollector(own)) {
      flags.add(new Choice("-XX:+UseSerialGC", "a small heap and one event loop: in bench/memory collectors (2 workers, "
          + "keep-alive) Serial held 74-75 MB PSS per worker against G1's 133 and Parallel's 159-163, with p99 "
          + "0.92-0.98x theirs; young collections took 0.5% of the time"));
    }
    if (!sets(own, "TrimNativeHeapInterval") && supportsTrim(workerJava)) {
      flags.add(new Choice("-XX:TrimNativeHeapInterval=" + TRIM_INTERVAL_MS, "gives back the C library's free memory "
          + "every second (the JIT compilers' arenas are freed after warm-up but glibc keeps the pages)"));
    }
    if (supportsArchiveRelocationMode(workerJava)) {
      // Also when the script sets ArchiveRelocationMode itself: the unlock must come before it.
      flags.add(new Choice("-XX:+UnlockDiagnosticVMOptions", "ArchiveRelocationMode is a diagnostic flag"));
      if (!sets(own, "ArchiveRelocationMode")) {
        flags.add(new Choice("-XX:ArchiveRelocationMode=0", "maps the CDS archives (the JDK's and jcl's AppCDS) at "
            + "their own address, so their pages stay the files' and count once across workers in PSS; JDK 17.0.15 "
            + "relocates them to a random address by default (ASLR for class metadata), which rewrote every page "
            + "into a private copy: 26 MB per worker. -XX:ArchiveRelocationMode=1 in jvm { options } keeps that"));
      }
    }
    if (!d.cluster().env().containsKey("MALLOC_ARENA_MAX")) {
      env.put("MALLOC_ARENA_MAX", new Choice("2", "glibc opens up to 8 malloc arenas per core, each keeping "
          + "its own free pages; two are enough for a JVM whose Java threads allocate in the heap"));
    }
    int loops = d.worker().instances();
    String loopsWhy = "worker { instances " + d.worker().instances() + " }";
    if (d.script() != null && d.script().worker() != null) {
      for (VerticleRef v : d.script().worker().verticles()) {
        if (v.instances() > loops) {
          loops = v.instances();
          loopsWhy = "verticle " + v.describe() + " with " + v.instances() + " instances";
        }
      }
    }
    eventLoops = loops;
    env.put(EVENT_LOOPS_ENV, new Choice(Integer.toString(loops), "Vert.x event loops: one per server instance ("
        + loopsWhy + "), as a Node worker has one; not one per core in each of N JVMs"));
    env.put(WORKER_POOL_ENV, new Choice(Integer.toString(WORKER_POOL_DEFAULT), "Vert.x worker pool (executeBlocking), 20 by "
        + "default per JVM; a verticle that blocks more creates its own with vertx.createSharedWorkerExecutor"));
    env.put(BLOCKING_POOL_ENV, new Choice(Integer.toString(BLOCKING_POOL_DEFAULT), "Vert.x internal blocking pool "
        + "(file system, DNS), 20 by default per JVM"));
  }

  /** The sizing for workers of this deployment on this host, run by {@code workerJava}. */
  public static WorkerSizing of(Deployment d, Runtime.Version workerJava) {
    return new WorkerSizing(d, hostMemory(), workerJava);
  }

  static WorkerSizing of(Deployment d, long hostMemory, Runtime.Version workerJava) {
    return new WorkerSizing(d, hostMemory, workerJava);
  }

  /** The JVM flags, each with its reason, in the order they go on the command line (before the script's options). */
  public List<Choice> flags() {
    return flags;
  }

  /** Environment variables for the worker, each with its reason (the script's {@code env} still wins). */
  public Map<String, Choice> env() {
    return env;
  }

  public int eventLoops() {
    return eventLoops;
  }

  /** The whole command-line part jcl controls: derived flags, then the script's options as written. */
  public List<String> commandLine(Deployment d) {
    List<String> all = new ArrayList<>();
    flags.forEach(c -> all.add(c.value()));
    all.addAll(d.cluster().jvm().options());
    return all;
  }

  /** Physical memory (the container's limit where there is one: the JDK's bean is container-aware). */
  static long hostMemory() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory() * 4;
  }

  /** -XX:TrimNativeHeapInterval exists from 17.0.9 and 21.0.1 on; an older JVM would refuse to start. */
  public static boolean supportsTrim(Runtime.Version v) {
    if (v == null) {
      return false;
    }
    return switch (v.feature()) {
      case 17 -> v.update() >= 9;
      case 18, 19, 20 -> false;
      case 21 -> v.update() >= 1;
      default -> v.feature() > 21;
    };
  }

  /**
   * -XX:ArchiveRelocationMode exists from JDK 14 on (diagnostic); checked up to 25. An unknown version
   * (another java) or a later one gets no flag: an option a JVM does not know stops it from starting.
   */
  public static boolean supportsArchiveRelocationMode(Runtime.Version v) {
    return v != null && v.feature() >= 14 && v.feature() <= 25;
  }

  /** Whether one of the script's options sets the named JVM flag, in any of its spellings. */
  static boolean sets(List<String> options, String flag) {
    for (String o : options) {
      String name = flagName(o);
      if (name != null && name.equals(flag)) {
        return true;
      }
    }
    return false;
  }

  static boolean setsCollector(List<String> options) {
    for (String o : options) {
      String name = flagName(o);
      if (name != null && name.startsWith("Use") && name.endsWith("GC") && !name.equals("UseAdaptiveSizePolicyWithSystemGC")) {
        return true;
      }
    }
    return false;
  }

  /** -Xmx512m -> MaxHeapSize, -XX:+UseG1GC -> UseG1GC, -XX:TrimNativeHeapInterval=0 -> TrimNativeHeapInterval. */
  static String flagName(String option) {
    String o = option.trim();
    if (o.startsWith("-Xmx")) return "MaxHeapSize";
    if (o.startsWith("-Xms")) return "InitialHeapSize";
    if (o.startsWith("-Xmn")) return "NewSize";
    if (o.startsWith("-Xss")) return "ThreadStackSize";
    if (!o.startsWith("-XX:")) return null;
    String rest = o.substring(4);
    if (rest.startsWith("+") || rest.startsWith("-")) {
      rest = rest.substring(1);
    }
    int eq = rest.indexOf('=');
    return eq >= 0 ? rest.substring(0, eq) : rest;
  }
}
