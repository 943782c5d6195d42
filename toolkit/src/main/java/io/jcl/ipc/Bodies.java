package io.jcl.ipc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * What a message body may be: what JSON can carry and every worker can decode. A Groovy map or list
 * becomes a JsonObject or JsonArray, a GString a String, a Groovy decimal a double; anything else is
 * refused where it is sent, with its type in the message.
 */
public final class Bodies {

  private Bodies() {
  }

  /** The body as it travels; throws IllegalArgumentException for what JSON cannot carry. */
  public static Object check(Object body) {
    if (body == null) {
      throw new IllegalArgumentException("an IPC body cannot be null: send a JSON object, array, string, number or boolean");
    }
    return normalise(body);
  }

  /** Why a decoded frame's body is not one, or null. */
  static String problem(Object body) {
    if (body == null) {
      return "a message needs a body: a JSON object, array, string, number or boolean";
    }
    return null; // whatever JSON decoded to is one of them
  }

  private static Object normalise(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
        || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte) {
      return v;
    }
    if (v instanceof JsonObject o) {
      o.forEach(e -> normalise(e.getValue()));
      return o;
    }
    if (v instanceof JsonArray a) {
      a.forEach(Bodies::normalise);
      return a;
    }
    if (v instanceof CharSequence s) {
      return s.toString();
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof BigInteger i) {
      return i.bitLength() < 64 ? (Object) i.longValue() : i.doubleValue();
    }
    if (v instanceof Map<?, ?> m) {
      JsonObject o = new JsonObject();
      m.forEach((k, x) -> o.put(String.valueOf(k), normalise(x)));
      return o;
    }
    if (v instanceof List<?> l) {
      JsonArray a = new JsonArray();
      l.forEach(x -> a.add(normalise(x)));
      return a;
    }
    throw new IllegalArgumentException("IPC bodies are JSON objects or arrays, strings, numbers or booleans; got "
        + v.getClass().getName());
  }
}
