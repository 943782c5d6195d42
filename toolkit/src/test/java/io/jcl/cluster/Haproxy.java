package io.jcl.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * HAProxy (Debian's package; .ci/run installs it) in front of the three hosts of a test, run with the
 * config the docs give (docs/haproxy.cfg: round-robin, each host checked on its /ready).
 */
final class Haproxy implements AutoCloseable {

  final int port;
  private final Process process;
  private final Path dir;

  private Haproxy(int port, Process process, Path dir) {
    this.port = port;
    this.process = process;
    this.dir = dir;
  }

  /** The haproxy binary, if this machine has one. */
  static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/local/sbin";
    return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, "haproxy"))
        .filter(Files::isExecutable).findFirst();
  }

  /** Starts it in front of {@code port} on 127.0.0.2, .3, .4, checking {@code readyPort}. */
  static Haproxy start(Path binary, int port, int readyPort) throws IOException {
    int lb = TestCluster.freePort();
    Path dir = Files.createTempDirectory("jcl-haproxy");
    String config = Files.readString(Path.of("..", "docs", "haproxy.cfg"))
        .replace("@LB@", Integer.toString(lb)).replace("@PORT@", Integer.toString(port))
        .replace("@READY@", Integer.toString(readyPort)).replace("@STATS@", dir.resolve("stats.sock").toString());
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, config);
    Process p = new ProcessBuilder(binary.toString(), "-f", cfg.toString(), "-db")
        .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
    return new Haproxy(lb, p, dir);
  }

  /** What HAProxy printed, for a failure's message. */
  String log() {
    try {
      return Files.readString(dir.resolve("haproxy.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    process.waitFor();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
