package io.jcl.restart;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/** A future bounded in time: what readyTimeout and drainTimeout mean. The timer runs on the given context. */
final class Deadline {

  private Deadline() {
  }

  /** {@code f}, or a failure naming {@code what} after {@code ms}. */
  static <T> Future<T> within(Context context, Future<T> f, long ms, String what) {
    Promise<T> p = Promise.promise();
    long timer = context.owner().setTimer(Math.max(1, ms), id -> p.tryFail(what + " (" + ms + " ms)"));
    f.onComplete(ar -> {
      context.owner().cancelTimer(timer);
      if (ar.succeeded()) {
        p.tryComplete(ar.result());
      } else {
        p.tryFail(ar.cause());
      }
    });
    return p.future();
  }
}
