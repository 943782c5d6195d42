package io.jcl.ipc;

import groovy.lang.GString;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;

/**
 * Lets a script reply with what Groovy writes: {@code msg.reply([count: n])} carries a LinkedHashMap,
 * {@code msg.reply("hi ${name}")} a GString, {@code 1.5} a BigDecimal; Vert.x has no codec for them.
 * Each becomes its JSON form ({@link Bodies}), on this host's bus and on the wire to another host's.
 */
final class ScriptBodyCodecs {

  private ScriptBodyCodecs() {
  }

  static void register(EventBus bus) {
    add(bus, LinkedHashMap.class);
    add(bus, HashMap.class);
    add(bus, ArrayList.class);
    add(bus, BigDecimal.class);
    try {
      add(bus, Class.forName("org.codehaus.groovy.runtime.GStringImpl").asSubclass(GString.class));
    } catch (ClassNotFoundException e) {
      // another Groovy: plain strings still work
    }
  }

  private static <T> void add(EventBus bus, Class<T> type) {
    try {
      bus.registerDefaultCodec(type, new AsJson<>(type));
    } catch (IllegalStateException e) {
      // registered already (a second bus object on this Vert.x)
    }
  }

  /**
   * Locally the JSON form; between hosts' primaries the same JSON on the wire (a one-element array,
   * so a bare string or number survives), decoded as that form on the other host.
   */
  private record AsJson<T>(Class<T> type) implements MessageCodec<T, Object> {

    @Override
    public void encodeToWire(Buffer buffer, T t) {
      Buffer json = new JsonArray().add(Bodies.check(t)).toBuffer();
      buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public Object decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      return new JsonArray(buffer.getBuffer(pos + 4, pos + 4 + length)).getValue(0);
    }

    @Override
    public Object transform(T t) {
      return Bodies.check(t);
    }

    @Override
    public String name() {
      return "jcl.script." + type.getName();
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
