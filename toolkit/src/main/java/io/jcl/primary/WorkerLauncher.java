package io.jcl.primary;

import io.jcl.dsl.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Builds and starts a worker JVM: the primary's own class path, the script's {@code jvm { }} flags, the
 * AppCDS archive when there is one, and the slot's identity in the environment.
 */
public final class WorkerLauncher {

  static final String WORKER_MAIN = "io.jcl.worker.WorkerMain";

  private final Deployment deployment;
  private final RuntimeDir dir;
  private final String java;
  private final String classpath;
  private final Path archive;
  private final WorkerSizing sizing;

  public WorkerLauncher(Deployment deployment, RuntimeDir dir) {
    this.deployment = deployment;
    this.dir = dir;
    String configured = deployment.cluster().jvm().java();
    this.java = configured != null ? configured : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    this.classpath = System.getProperty("java.class.path");
    this.archive = AppCds.archive(java, classpath);
    this.sizing = WorkerSizing.of(deployment, workerJavaVersion(configured));
  }

  /** The worker's JVM version when it is the primary's own; another java's is unknown (no version-bound flag). */
  public static Runtime.Version workerJavaVersion(String configured) {
    String own = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return configured == null || configured.equals(own) ? Runtime.version() : null;
  }

  /** @param respawn the slot's worker died: the new one warms itself briefly (JCL_RESPAWN) */
  public Process launch(int slot, int generation, String token, boolean respawn) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmFlags());
    if (deployment.cluster().jvm().appCds() && AppCds.ready(archive)) {
      cmd.add("-XX:SharedArchiveFile=" + archive);
      cmd.add("-Xshare:auto");
    }
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(WORKER_MAIN);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    sizing.env().forEach((k, v) -> env.put(k, v.value()));
    env.putAll(deployment.cluster().env());
    env.put("JCL_SLOT", Integer.toString(slot));
    env.put("JCL_GENERATION", Integer.toString(generation));
    env.put("JCL_RUNTIME_DIR", dir.root().toString());
    env.put("JCL_TOKEN", token);
    if (respawn) {
      env.put("JCL_RESPAWN", "1");
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return pb.start();
  }

  /**
   * The training JVM runs at the lowest CPU priority: on a fresh JCL_HOME it starts with the first
   * workers, and on 2 cores it took a third of a core for 10 s while 4 cold workers under load answered
   * nothing for 3 s. The archive can wait; the traffic cannot. Nice alone is not enough where the
   * kernel groups tasks by session (sched_autogroup_enabled=1, the Debian default): the group competes
   * as a whole, so the training gets a session of its own (setsid) and that group's nice is raised too.
   */
  private static final Path NICE = Path.of("/usr/bin/nice");
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  /**
   * Trains the AppCDS archive once, in the background: a worker of this generation that binds an
   * ephemeral port instead of the cluster's (it must never take real traffic), then exits.
   */
  public void trainArchiveIfMissing(int generation) {
    if (!deployment.cluster().jvm().appCds() || AppCds.ready(archive)) {
      return;
    }
    try {
      Files.createDirectories(archive.getParent());
      Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      List<String> cmd = new ArrayList<>();
      if (Files.isExecutable(SETSID)) {
        cmd.add(SETSID.toString());
      }
      if (Files.isExecutable(NICE)) {
        cmd.addAll(List.of(NICE.toString(), "-n", "19"));
      }
      cmd.add(java);
      cmd.addAll(jvmFlags());
      cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-cp", classpath, "io.jcl.worker.CdsTraining",
          dir.root().toString(), Integer.toString(generation)));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      sizing.env().forEach((k, v) -> pb.environment().put(k, v.value()));
      pb.environment().putAll(deployment.cluster().env());
      Process p = pb.start();
      if (cmd.get(0).equals(SETSID.toString())) {
        lowerAutogroup(p.pid(), 100);
      }
      p.onExit().thenRun(() -> {
        try {
          if (p.exitValue() == 0 && Files.size(tmp) > 0) {
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE);
          }
        } catch (IOException ignored) {
          // no archive: workers start without it, as before
        } finally {
          tmp.toFile().delete();
        }
      });
    } catch (IOException e) {
      System.err.println("jcl: AppCDS training did not start (" + e.getMessage() + "); workers start without it");
    }
  }

  /**
   * setsid and nice exec in place, so the pid is the training JVM's. Only once it leads its own session
   * (setsid has run) is the autogroup its own: written earlier, the nice would land on the cluster's group.
   */
  private static void lowerAutogroup(long pid, int triesLeft) {
    if (!sessionLeader(pid)) {
      if (triesLeft > 0) {
        CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS).execute(() -> lowerAutogroup(pid, triesLeft - 1));
      }
      return;
    }
    try {
      Files.writeString(Path.of("/proc", Long.toString(pid), "autogroup"), "19");
    } catch (IOException | UnsupportedOperationException e) {
      // no autogroups here (or not allowed): nice alone applies
    }
  }

  /** From /proc/PID/stat: "pid (comm) state ppid pgrp session ...". */
  private static boolean sessionLeader(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[3]) == pid;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public Path archive() {
    return archive;
  }

  public WorkerSizing sizing() {
    return sizing;
  }

  /**
   * jcl's sizing ({@link WorkerSizing}: heap, collector, native memory), then the script's own options.
   * The AppCDS training runs with the same flags, so it loads what a worker loads.
   */
  private List<String> jvmFlags() {
    return sizing.commandLine(deployment);
  }
}
