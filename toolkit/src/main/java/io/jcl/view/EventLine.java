package io.jcl.view;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One cluster event as the events log and the dashboard keep it: the fields a reader scans for first
 * ({@code time, event, slot, pid, generation, reason}), then the rest, without the bulky last health
 * sample a worker's description carries (the status has it).
 */
public final class EventLine {

  /** The leading fields, in this order; absent ones are left out. */
  public static final List<String> LEADING = List.of("time", "event", "slot", "pid", "generation", "reason");
  private static final List<String> DROPPED = List.of("health");

  private EventLine() {
  }

  public static JsonObject of(JsonObject event) {
    JsonObject line = new JsonObject();
    for (String key : LEADING) {
      if (event.getValue(key) != null) {
        line.put(key, event.getValue(key));
      }
    }
    event.forEach(e -> {
      if (!line.containsKey(e.getKey()) && !DROPPED.contains(e.getKey()) && e.getValue() != null) {
        line.put(e.getKey(), e.getValue());
      }
    });
    return line;
  }
}
