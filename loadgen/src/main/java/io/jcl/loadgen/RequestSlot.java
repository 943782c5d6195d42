package io.jcl.loadgen;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

import java.util.concurrent.TimeoutException;

/**
 * One request's bookkeeping, reused: its callbacks are created once per slot, not per request. A slot
 * leaves the in-flight list when its outcome is recorded (a timeout, say), but goes back to the free
 * list only when Vert.x has called back for the last time, so a late callback never meets a new request.
 */
final class RequestSlot {
  static final int FREE = 0;
  static final int ACQUIRING = 1; // waiting for a pooled connection
  static final int SENT = 2;      // written, waiting for the response head
  static final int RECEIVING = 3; // head received, waiting for the end of the body

  private static final Handler<Buffer> DISCARD = b -> { };

  final LoadShard shard;
  int state = FREE;
  boolean recorded;
  boolean warmup;
  int client;
  long planned;
  long sent;
  int status;
  String worker;
  HttpClientRequest request;

  // Intrusive links: the in-flight list (dispatch order) and the free list.
  RequestSlot prev;
  RequestSlot next;

  final Handler<AsyncResult<HttpClientRequest>> onRequest = this::onRequest;
  final Handler<AsyncResult<HttpClientResponse>> onResponse = this::onResponse;
  final Handler<AsyncResult<Void>> onEnd = this::onEnd;

  RequestSlot(LoadShard shard) {
    this.shard = shard;
  }

  private void onRequest(AsyncResult<HttpClientRequest> ar) {
    if (state != ACQUIRING) {
      return;
    }
    if (ar.failed()) {
      if (!recorded) {
        shard.countSent(this);
        shard.record(this, ar.cause() instanceof TimeoutException ? Outcome.NOT_SENT : Outcome.CONNECT_ERROR);
      }
      shard.release(this);
      return;
    }
    HttpClientRequest req = ar.result();
    if (recorded) {
      // Already NOT_SENT: it got its connection too late to count; give the connection back unused.
      req.reset();
      shard.release(this);
      return;
    }
    request = req;
    state = SENT;
    sent = System.nanoTime();
    shard.countSent(this);
    shard.send(req).onComplete(onResponse);
  }

  private void onResponse(AsyncResult<HttpClientResponse> ar) {
    if (state != SENT) {
      return;
    }
    if (ar.failed()) {
      if (!recorded) {
        shard.record(this, ar.cause() instanceof TimeoutException ? Outcome.TIMEOUT : Outcome.RESET);
      }
      shard.release(this);
      return;
    }
    HttpClientResponse response = ar.result();
    status = response.statusCode();
    worker = response.getHeader(shard.workerHeader);
    state = RECEIVING;
    response.handler(DISCARD);
    response.end().onComplete(onEnd);
  }

  private void onEnd(AsyncResult<Void> ar) {
    if (state != RECEIVING) {
      return;
    }
    if (!recorded) {
      shard.record(this, ar.succeeded() ? Outcome.ofStatus(status) : Outcome.RESET);
    }
    shard.release(this);
  }
}
