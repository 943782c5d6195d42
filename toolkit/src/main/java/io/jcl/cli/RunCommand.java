package io.jcl.cli;

import io.jcl.dsl.DeploymentLoader;
import io.jcl.dsl.Deployment;
import io.jcl.dsl.Layer;
import io.jcl.dsl.Options;
import io.jcl.dsl.ScriptProblems;
import io.jcl.primary.AppCds;
import io.jcl.primary.Primary;
import io.jcl.primary.RuntimeDir;
import io.jcl.primary.WorkerLauncher;
import io.jcl.primary.WorkerSizing;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jcl run SCRIPT}: the primary, in the foreground or detached. */
@Command(name = "run", description = "Run a cluster from a deployment script.")
final class RunCommand implements Callable<Integer> {

  /**
   * The primary's JVM, as ./jcl starts a foreground one (keep the two alike): it supervises and accepts,
   * and holds little. Serial; a heap that starts at 16 MB and is given back after the script's compile
   * (HeapShrink: Serial shrinks it after a full collection down to 30% free). With the JVM's defaults it
   * committed 1/64 of the host's memory up front and held 205-217 MB PSS (see the README, "Memory").
   * Soft references die at the first collection: the compiler's ClassNode cache (ClassHelper, soft) held
   * 3.6 MB of the heap after HeapShrink's collection; the primary's Groovy runs once per event, rarely.
   */
  static final List<String> PRIMARY_FLAGS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmn4m", "-XX:MinHeapFreeRatio=10",
      "-XX:MaxHeapFreeRatio=30", "-XX:SoftRefLRUPolicyMSPerMB=0");

  /**
   * {@link #PRIMARY_FLAGS} and what this JVM version has: the native heap trim, and the JDK's CDS archive
   * mapped at its own address so its pages are shared with the workers' (WorkerSizing says why).
   */
  static List<String> primaryFlags(Runtime.Version v) {
    List<String> flags = new ArrayList<>(PRIMARY_FLAGS);
    if (WorkerSizing.supportsTrim(v)) {
      flags.add("-XX:TrimNativeHeapInterval=5000");
    }
    if (WorkerSizing.supportsArchiveRelocationMode(v)) {
      flags.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"));
    }
    return flags;
  }

  /**
   * The workers' AppCDS archive, once there is one, for a detached primary as well: it loads many of the
   * same classes (Vert.x, Netty, the Groovy runtime, jcl's own), which then come from the archive's
   * pages, shared with the workers, instead of its own metaspace (paired probe 2026-12-06: 87 MB PSS
   * against 94). Only when the workers run this JVM: an archive is bound to the JVM that wrote it.
   */
  static List<String> primaryArchive(Deployment d) {
    Deployment.JvmConfig jvm = d.cluster().jvm();
    if (!jvm.appCds() || WorkerLauncher.workerJavaVersion(jvm.java()) == null) {
      return List.of();
    }
    String java = jvm.java() != null ? jvm.java() : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path archive = AppCds.archive(java, System.getProperty("java.class.path"));
    return AppCds.ready(archive) ? List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto") : List.of();
  }

  /** How long {@code --detach} waits beyond the script's readyTimeout for the first LISTENING. */
  private static final long DETACH_GRACE_MS = 15_000;

  @Parameters(index = "0", paramLabel = "SCRIPT")
  Path script;

  @Option(names = "--name", description = "cluster name (default: the script's cluster.name or file name)")
  String name;

  @Option(names = "--port", description = "public port (cluster.port)")
  Integer port;

  @Option(names = "--workers", description = "worker count or auto (cluster.workers)")
  String workers;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override any option, e.g. health.interval=2s")
  List<String> sets = new ArrayList<>();

  @Option(names = "--detach", description = "start in the background; return once every worker is LISTENING")
  boolean detach;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Deployment deployment;
    List<Layer> layers = layers();
    try {
      deployment = DeploymentLoader.load(script, layers);
    } catch (ScriptProblems p) {
      ProblemLines.print(p, err);
      return 1;
    }
    var cluster = deployment.cluster();
    if (!cluster.scheduling().equals(Options.SCHEDULING_OS) && cluster.handoff().equals(Options.HANDOFF_FD)
        && !io.netty.channel.epoll.Epoll.isAvailable()) {
      // Passing sockets needs Linux's native transport; elsewhere the primary copies bytes (one warning line).
      err.println("jcl: passing sockets needs the Linux epoll transport, not available here ("
          + io.netty.channel.epoll.Epoll.unavailabilityCause().getMessage() + "); the primary proxies connections instead");
      layers.add(new Layer("jcl run", Map.of("cluster.handoff", Options.HANDOFF_PROXY),
          Map.of("cluster.handoff", "jcl run: epoll not available")));
      deployment = DeploymentLoader.load(script, layers);
    }
    if (detach) {
      return detach(deployment, err);
    }
    return Primary.run(deployment, script, layers);
  }

  private List<Layer> layers() {
    List<String> all = new ArrayList<>(sets);
    if (name != null) all.add("cluster.name=" + name);
    if (port != null) all.add("cluster.port=" + port);
    if (workers != null) all.add("cluster.workers=" + workers);
    return ConfigLayers.read(all);
  }

  /**
   * Starts this same command without {@code --detach} as a new session leader (it survives the
   * terminal), its output in the runtime dir's log, and waits for it to report ready or failed.
   */
  private int detach(Deployment deployment, PrintWriter err) throws Exception {
    String clusterName = deployment.cluster().name();
    RuntimeDir dir = RuntimeDir.of(clusterName);
    if (dir.livePrimary().isPresent()) {
      err.println("jcl: cluster '" + clusterName + "' is already running (pid " + dir.livePrimary().get() + ")");
      return 1;
    }
    dir.create();
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(primaryFlags(Runtime.version()));
    cmd.addAll(primaryArchive(deployment));
    // The launcher's JCL_JAVA_OPTS apply to the primary wherever it runs, detached included.
    String javaOpts = System.getenv("JCL_JAVA_OPTS");
    if (javaOpts != null && !javaOpts.isBlank()) {
      cmd.addAll(List.of(javaOpts.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Jcl.class.getName(), "run", script.toString(),
        "--name", clusterName));
    sets.forEach(s -> cmd.addAll(List.of("--set", s)));
    if (port != null) cmd.addAll(List.of("--port", port.toString()));
    if (workers != null) cmd.addAll(List.of("--workers", workers));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    // glibc's arenas (8 per core) keep the JIT's freed memory; two are enough for the primary.
    pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    Process p = pb
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(dir.log().toFile())
        .start();
    long deadline = System.currentTimeMillis() + deployment.restart().readyTimeout().toMillis() + DETACH_GRACE_MS;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(dir.readyFile())) {
        spec.commandLine().getOut().println("jcl: cluster '" + clusterName + "' is up: "
            + deployment.cluster().workers() + " workers LISTENING on " + deployment.cluster().host() + ":"
            + deployment.cluster().port() + " (log: " + dir.log() + ")");
        return 0;
      }
      if (Files.exists(dir.failedFile()) || !p.isAlive()) {
        err.println("jcl: cluster '" + clusterName + "' failed to start: "
            + (Files.exists(dir.failedFile()) ? Files.readString(dir.failedFile()).trim() : "primary exited"));
        printTail(p, dir, err);
        return 1;
      }
      Thread.sleep(50);
    }
    err.println("jcl: cluster '" + clusterName + "' was not LISTENING within the timeout; stopping it");
    p.destroy();
    return 1;
  }

  private static void printTail(Process p, RuntimeDir dir, PrintWriter err) throws Exception {
    p.destroy();
    p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    Path log = Files.exists(dir.log()) ? dir.log() : dir.keptLog();
    if (Files.exists(log)) {
      List<String> lines = Files.readAllLines(log);
      err.println("--- last lines of " + log + " ---");
      lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(err::println);
    }
    err.flush();
  }
}
