package io.jcl.ipc;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * What back-pressure cost: messages refused because a worker's link had {@code maxQueued} bytes waiting
 * (a request gets a failure, a send or publish is dropped), per worker pid and in all. Shown by
 * {@code jcl status --json} under {@code ipc}.
 */
final class IpcStats {

  private final Map<Long, Long> refusedByPid = new HashMap<>();
  private long refused;
  private long relayed;

  void relayed() {
    relayed++;
  }

  void refused(long pid) {
    refused++;
    refusedByPid.merge(pid, 1L, Long::sum);
  }

  JsonObject toJson(int links) {
    JsonObject byPid = new JsonObject();
    refusedByPid.forEach((pid, n) -> byPid.put(Long.toString(pid), n));
    return new JsonObject().put("links", links).put("relayed", relayed).put("refused", refused).put("refusedByPid", byPid);
  }
}
