package io.jcl.ipc;

import io.jcl.dsl.Consumer;
import java.util.List;

/**
 * Registers a script's {@code consumer('address') { msg -> }} blocks. A handler that throws is reported
 * with its script position, and a request it was answering fails with that error instead of timing out.
 */
public final class ScriptConsumers {

  private ScriptConsumers() {
  }

  public static void register(ClusterBus bus, List<Consumer> consumers) {
    for (Consumer c : consumers) {
      bus.consumer(c.address(), msg -> {
        try {
          c.handler().call(msg);
        } catch (RuntimeException e) {
          System.err.println("jcl: " + c.position() + ": consumer('" + c.address() + "') failed: " + e);
          if (msg.replyAddress() != null) {
            msg.fail(500, "consumer('" + c.address() + "') failed: " + e);
          }
        }
      });
    }
  }
}
