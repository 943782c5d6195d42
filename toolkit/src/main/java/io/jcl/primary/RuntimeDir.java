package io.jcl.primary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A running cluster's private directory, {@code $JCL_HOME/run/<name>/} (mode 0700): the primary's pid,
 * the control socket, the admin port and token, each generation's compiled script and plan, the log.
 * {@code jcl status|stop} find a cluster here.
 */
public record RuntimeDir(Path root) {

  public static Path home() {
    String env = System.getenv("JCL_HOME");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".jcl");
  }

  public static Path clustersDir() {
    return home().resolve("run");
  }

  public static RuntimeDir of(String name) {
    return new RuntimeDir(clustersDir().resolve(name));
  }

  public Path pidFile() {
    return root.resolve("primary.pid");
  }

  public Path controlSocket() {
    return root.resolve("ipc.sock");
  }

  /** Round-robin/sticky: accepted sockets travel to workers here. */
  public Path fdSocket() {
    return root.resolve("fd.sock");
  }

  public Path adminPortFile() {
    return root.resolve("admin.port");
  }

  public Path tokenFile() {
    return root.resolve("token");
  }

  public Path log() {
    return root.resolve("primary.log");
  }

  /** The cluster's events, one JSON object a line ({@code jcl events}); rotates to {@code events.jsonl.1}. */
  public Path eventsFile() {
    return root.resolve("events.jsonl");
  }

  /** Where the events log is kept after the cluster stopped, beside the kept log. */
  public Path keptEvents() {
    return home().resolve("logs").resolve(name() + ".events.jsonl");
  }

  /** Written once every worker is LISTENING: what {@code jcl run --detach} waits for. */
  public Path readyFile() {
    return root.resolve("ready");
  }

  /** Written when the start failed, with the reason. */
  public Path failedFile() {
    return root.resolve("failed");
  }

  /** Where a detached cluster's log is kept after it stopped (the runtime dir itself is removed). */
  public Path keptLog() {
    return home().resolve("logs").resolve(name() + ".log");
  }

  public Path generation(int n) {
    return root.resolve("gen-" + n);
  }

  public Path planFile(int generation) {
    return generation(generation).resolve("plan.json");
  }

  public Path classesDir(int generation) {
    return generation(generation).resolve("classes");
  }

  public String name() {
    return root.getFileName().toString();
  }

  /** The pid of a live primary owning this directory, if any. */
  public Optional<Long> livePrimary() {
    try {
      long pid = Long.parseLong(Files.readString(pidFile()).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Creates the directory private to this user; a stale one (its primary dead) is cleared first. */
  public void create() throws IOException {
    if (Files.exists(pidFile()) && livePrimary().isEmpty()) {
      delete(); // a primary died without cleaning up (kill -9): its leftovers are stale
    }
    Files.createDirectories(root.getParent());
    if (!Files.exists(root)) {
      Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
  }

  public void delete() {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a leftover file is cleared as stale on the next start
    }
  }

  /** Writes a file readable by this user only (the token, the admin port). */
  public void writePrivate(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, content);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
