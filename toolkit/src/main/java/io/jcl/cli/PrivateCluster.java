package io.jcl.cli;

import io.jcl.primary.RuntimeDir;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cluster {@code jcl verify} checks: a primary started from the script on a free loopback port under a
 * private JCL_HOME ({@code $JCL_HOME/verify/<script>-<pid>/}), so it meets no other cluster of the same
 * name, and removed with everything in it on every path out, a Ctrl-C included (a shutdown hook). The AppCDS
 * archives are the user's own ({@code cds} is a link to them): a check should not start colder than a run.
 */
final class PrivateCluster implements AutoCloseable {

  static final String NAME = "verify";
  /** How long a graceful stop may take before the primary and its workers are killed. */
  private static final long STOP_TIMEOUT_MS = 30_000;
  /** How long workers may outlive their primary (they exit within about a second when their link closes). */
  private static final long ORPHAN_GRACE_MS = 5_000;
  /** Beyond the script's readyTimeout, for the primary's own start and the script's compile. */
  private static final long START_GRACE_MS = 15_000;
  private static final int LOG_TAIL_LINES = 30;

  final Path home;
  final RuntimeDir dir;
  final int port;
  private Process primary;
  private final Thread hook = new Thread(this::close, "jcl-verify-cleanup");
  private boolean closed;

  private PrivateCluster(Path home, int port) {
    this.home = home;
    this.dir = new RuntimeDir(home.resolve("run").resolve(NAME));
    this.port = port;
  }

  /** Why a cluster did not start: the reason, and the last lines the primary and its workers printed. */
  static final class StartFailure extends Exception {
    final String logTail;

    StartFailure(String reason, String logTail) {
      super(reason);
      this.logTail = logTail;
    }
  }

  /**
   * Starts the primary and returns once every worker is LISTENING.
   *
   * @throws StartFailure after cleaning up, when it failed or was not ready within {@code readyTimeoutMs}
   */
  static PrivateCluster start(Path script, List<String> sets, long readyTimeoutMs) throws IOException, StartFailure {
    String base = script.getFileName().toString().replaceAll("\\.groovy$", "").replaceAll("[^A-Za-z0-9_.-]", "_");
    Path home = RuntimeDir.home().resolve("verify").resolve(base + "-" + ProcessHandle.current().pid());
    PrivateCluster c = new PrivateCluster(home, freeLoopbackPort());
    Runtime.getRuntime().addShutdownHook(c.hook);
    try {
      c.launch(script, sets);
      c.awaitReady(readyTimeoutMs + START_GRACE_MS);
      return c;
    } catch (IOException | StartFailure | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void launch(Path script, List<String> sets) throws IOException {
    Files.createDirectories(home.getParent());
    delete(home); // a verify killed with -9 that had this pid: its leftovers are stale
    Files.createDirectory(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path cds = RuntimeDir.home().resolve("cds");
    Files.createDirectories(cds);
    Files.createSymbolicLink(home.resolve("cds"), cds.toAbsolutePath());
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(RunCommand.primaryFlags(Runtime.version()));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Jcl.class.getName(), "run", script.toString(),
        "--name", NAME, "--port", Integer.toString(port), "--set", "cluster.host=127.0.0.1"));
    sets.forEach(s -> cmd.addAll(List.of("--set", s)));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(log().toFile()); // the workers write here too: they inherit the primary's output
    pb.environment().put("JCL_HOME", home.toString());
    pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    primary = pb.start();
  }

  private void awaitReady(long timeoutMs) throws IOException, StartFailure {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(dir.readyFile())) {
        return;
      }
      if (Files.exists(dir.failedFile())) {
        String reason = Files.readString(dir.failedFile()).trim();
        waitForExit(); // a primary that failed to start stops by itself: let it, rather than signal it mid-way
        throw new StartFailure(reason, stopAndTail());
      }
      if (!primary.isAlive()) {
        throw new StartFailure("the primary exited with code " + primary.exitValue(), stopAndTail());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartFailure("interrupted while waiting for the workers", stopAndTail());
      }
    }
    throw new StartFailure("not every worker was LISTENING within " + timeoutMs + " ms", stopAndTail());
  }

  private void waitForExit() {
    try {
      primary.waitFor(ORPHAN_GRACE_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops what started (the log is complete only then) and returns the log's last lines. */
  private String stopAndTail() {
    stop();
    return tail();
  }

  /** The last lines the primary and its workers printed. */
  String tail() {
    try {
      List<String> lines = Files.exists(log()) ? Files.readAllLines(log()) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  Path log() {
    return home.resolve("primary.log");
  }

  /** Graceful stop through the admin API (SIGTERM if it does not answer), then kills what is left. */
  private synchronized void stop() {
    if (primary == null) {
      return;
    }
    List<ProcessHandle> family = new ArrayList<>(primary.descendants().toList());
    if (primary.isAlive()) {
      try {
        RunningClusters.call(dir, "POST", "/stop");
      } catch (IOException | RuntimeException e) {
        primary.destroy();
      } catch (InterruptedException e) {
        primary.destroy();
        Thread.currentThread().interrupt();
      }
      try {
        if (!primary.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
          primary.descendants().forEach(family::add);
          primary.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        primary.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    // Workers leave by themselves once their link closes; any that did not are killed.
    long deadline = System.currentTimeMillis() + ORPHAN_GRACE_MS;
    for (ProcessHandle p : family) {
      try {
        p.onExit().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }

  /** Stops the cluster and removes its private home; idempotent, also run by the shutdown hook. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    delete(home);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook
    }
  }

  private static void delete(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // Files.walk does not follow links: the cds link goes, the user's archives stay.
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort; the next verify with this pid clears it
    }
  }
}
