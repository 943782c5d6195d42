package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two acceptor loops: two listeners on the one port (SO_REUSEPORT, the kernel spreads connections
 * over them), one rotation over the workers, so the split stays exact.
 */
@ExtendWith(VertxExtension.class)
class AcceptorsTest {

  @Test
  void twoListenersShareOneRotation(Vertx vertx) throws Exception {
    try (TestCluster cluster = TestCluster.start(TestCluster.script("hello.groovy").toString(), "acceptors",
        "--set", "cluster.workers=2", "--set", "cluster.acceptors=2")) {
      cluster.await(ws -> ws.stream().allMatch(w -> w.getString("state").equals("LISTENING")), 30_000);
      assertEquals(2, listeners(cluster.port), "listening sockets on the cluster port");

      Map<String, Integer> counts = HandoffTest.requests(vertx, cluster.port, 1000, null);
      System.out.println("acceptors 2: " + counts);
      assertEquals(2, counts.size(), counts::toString);
      counts.values().forEach(n -> assertEquals(500, n, counts::toString));
    }
  }

  /** Sockets in LISTEN state (0A) on {@code port}, from the kernel's tables (Netty's epoll sockets are IPv6). */
  private static long listeners(int port) throws Exception {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    return Stream.of("/proc/net/tcp", "/proc/net/tcp6")
        .flatMap(table -> {
          try {
            return Files.readAllLines(Path.of(table)).stream();
          } catch (IOException e) {
            return Stream.empty();
          }
        })
        .map(String::trim)
        .map(l -> l.split("\\s+"))
        .filter(f -> f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A"))
        .count();
  }
}
