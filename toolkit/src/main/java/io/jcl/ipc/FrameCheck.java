package io.jcl.ipc;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * What a frame toward the hub must look like before anything acts on it. The bridge's own parser throws
 * on a missing or unknown type or a non-string header and leaves the link dead; here each is a
 * sentence in an {@code err} frame and the link goes on.
 */
final class FrameCheck {

  static final Set<String> TYPES = Set.of("send", "publish", "register", "unregister", "ping");

  private FrameCheck() {
  }

  /** Why the frame cannot be acted on, or null when it can. */
  static String problem(JsonObject frame) {
    if (!(frame.getValue("type") instanceof String type)) {
      return frame.containsKey("type") ? "frame type must be a string" : "frame without a type";
    }
    if (!TYPES.contains(type)) {
      return "unsupported frame type '" + type + "'";
    }
    if (type.equals("ping")) {
      return null;
    }
    if (!(frame.getValue("address") instanceof String address) || address.isEmpty()) {
      return "frame of type '" + type + "' without an address";
    }
    Object headers = frame.getValue("headers");
    if (headers != null) {
      if (!(headers instanceof JsonObject h)) {
        return "headers must be an object of strings";
      }
      for (Map.Entry<String, Object> e : h) {
        if (!(e.getValue() instanceof String)) {
          return "header '" + e.getKey() + "' must be a string";
        }
      }
    }
    Object reply = frame.getValue("replyAddress");
    if (reply != null && !(reply instanceof String)) {
      return "replyAddress must be a string";
    }
    if ((type.equals("send") || type.equals("publish")) && !frame.containsKey("failure")
        && Bodies.problem(frame.getValue("body")) != null) {
      return Bodies.problem(frame.getValue("body"));
    }
    return null;
  }
}
