package io.jcl.ipc;

import groovy.lang.GString;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;

/**
 * Lets a script reply with what Groovy writes: {@code msg.reply([count: n])} carries a LinkedHashMap,
 * {@code msg.reply("hi ${name}")} a GString, {@code 1.5} a BigDecimal; Vert.x has no codec for them.
 * Each becomes its JSON form ({@link Bodies}) on the local bus, which is all the cluster bus uses.
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

  /** Local only: the cluster bus never puts a local message on a wire as Vert.x's codec bytes. */
  private record AsJson<T>(Class<T> type) implements MessageCodec<T, Object> {

    @Override
    public void encodeToWire(Buffer buffer, T t) {
      throw new UnsupportedOperationException("local delivery only");
    }

    @Override
    public Object decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("local delivery only");
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
