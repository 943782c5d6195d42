package io.jcl.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code net.ipv4.tcp_migrate_req} means for an {@code os} roll. A draining worker closes its
 * SO_REUSEPORT listener first; connections the kernel had already queued on that listener (handshake
 * done, not yet accepted) are reset, unless this sysctl is 1 (Linux 5.14+), which makes the kernel move
 * them to another listener of the group. Round-robin and sticky never lose them: the primary accepts.
 */
public final class MigrateReq {

  private static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

  private MigrateReq() {
  }

  /** One line for the primary's log when a cluster schedules {@code os}. */
  public static String note() {
    String value;
    try {
      value = Files.readString(SYSCTL).trim();
    } catch (IOException e) {
      return "os scheduling: net.ipv4.tcp_migrate_req is not available here (Linux before 5.14?): connections"
          + " queued on a draining worker's listener when it closes are reset; use round-robin or sticky for"
          + " zero-downtime rolls";
    }
    return "1".equals(value)
        ? "os scheduling: net.ipv4.tcp_migrate_req=1: connections queued on a draining worker's listener move to"
            + " another worker"
        : "os scheduling: net.ipv4.tcp_migrate_req=" + value + ": connections queued on a draining worker's listener"
            + " when it closes are reset; `sysctl -w net.ipv4.tcp_migrate_req=1` moves them to another worker instead";
  }
}
