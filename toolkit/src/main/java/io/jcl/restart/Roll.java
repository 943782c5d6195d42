package io.jcl.restart;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A rolling restart's pace: replaces the slots in order, {@code parallel} at a time. The first failure
 * aborts it: no further slot starts, the ones already replacing finish, slots already replaced stay
 * replaced. Runs on one context (the completions of {@code replace} arrive there).
 */
public final class Roll {

  /** How a roll ended: which slots were replaced, and if it was aborted, why and which were left alone. */
  public record Result(List<Integer> replaced, List<Integer> notReplaced, String abortReason) {
    public boolean done() {
      return abortReason == null;
    }
  }

  private final Deque<Integer> waiting;
  private final int parallel;
  private final IntFunction<Future<Void>> replace;
  private final List<Integer> replaced = new ArrayList<>();
  private final List<Integer> notReplaced = new ArrayList<>();
  private final Promise<Result> finished = Promise.promise();
  private String abortReason;
  private int running;

  private Roll(List<Integer> slots, int parallel, IntFunction<Future<Void>> replace) {
    this.waiting = new ArrayDeque<>(slots);
    this.parallel = Math.max(1, parallel);
    this.replace = replace;
  }

  /** @param replace replaces one slot; fails when its successor did not become ready */
  public static Future<Result> run(List<Integer> slots, int parallel, IntFunction<Future<Void>> replace) {
    Roll roll = new Roll(slots, parallel, replace);
    roll.next();
    return roll.finished.future();
  }

  private void next() {
    while (running < parallel && !waiting.isEmpty() && abortReason == null) {
      int slot = waiting.removeFirst();
      running++;
      replace.apply(slot).onComplete(ar -> {
        running--;
        if (ar.succeeded()) {
          replaced.add(slot);
        } else {
          notReplaced.add(slot);
          if (abortReason == null) {
            abortReason = ar.cause().getMessage();
          }
        }
        next();
      });
    }
    if (running == 0 && (waiting.isEmpty() || abortReason != null)) {
      notReplaced.addAll(waiting);
      waiting.clear();
      finished.tryComplete(new Result(List.copyOf(replaced), List.copyOf(notReplaced), abortReason));
    }
  }
}
