package io.jcl.ipc;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * One write(2) for many frames on an IPC link. Vert.x flushes each write at once unless it happens
 * while that same connection is being read, so the hub relaying a burst read from worker A to worker B
 * made one system call per frame on B's link. Netty's {@link FlushConsolidationHandler} defers those
 * flushes to the end of the current event-loop task (at most 64 frames per flush), which is what Node's
 * IPC channel gets from libuv's write queue.
 */
public final class FlushCoalescing {

  private static final int MAX_FRAMES_PER_FLUSH = 64;

  private FlushCoalescing() {}

  public static void install(NetSocket link) {
    if (link instanceof NetSocketInternal internal) {
      internal.channelHandlerContext().pipeline()
          .addFirst("jcl-flush-coalescing", new FlushConsolidationHandler(MAX_FRAMES_PER_FLUSH, true));
    }
  }
}
