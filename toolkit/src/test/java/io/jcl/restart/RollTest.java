package io.jcl.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The roll's pace and its abort rule, with replacements completed by hand. */
class RollTest {

  private final Map<Integer, Promise<Void>> started = new HashMap<>();
  private final List<Integer> order = new ArrayList<>();

  private Future<Void> replace(int slot) {
    order.add(slot);
    Promise<Void> p = Promise.promise();
    started.put(slot, p);
    return p.future();
  }

  @Test
  void replacesParallelAtATimeInOrder() {
    Future<Roll.Result> result = Roll.run(List.of(0, 1, 2, 3), 2, this::replace);
    assertEquals(List.of(0, 1), order, "two at a time");
    started.get(1).complete();
    assertEquals(List.of(0, 1, 2), order, "the next starts when one finishes");
    started.get(0).complete();
    started.get(2).complete();
    started.get(3).complete();
    assertTrue(result.result().done());
    assertEquals(List.of(1, 0, 2, 3), result.result().replaced());
  }

  @Test
  void aFailureStartsNoFurtherSlotButLetsRunningOnesFinish() {
    Future<Roll.Result> result = Roll.run(List.of(0, 1, 2, 3), 2, this::replace);
    started.get(0).fail("slot 0: exited before it was LISTENING");
    assertEquals(List.of(0, 1), order, "nothing new starts after a failure");
    assertTrue(!result.isComplete(), "slot 1 is still being replaced");
    started.get(1).complete();
    Roll.Result r = result.result();
    assertEquals("slot 0: exited before it was LISTENING", r.abortReason());
    assertEquals(List.of(1), r.replaced(), "a slot already replaced stays replaced");
    assertEquals(List.of(0, 2, 3), r.notReplaced());
  }

  @Test
  void oneAtATimeByDefault() {
    Future<Roll.Result> result = Roll.run(List.of(0, 1), 1, this::replace);
    assertEquals(List.of(0), order);
    started.get(0).complete();
    started.get(1).complete();
    assertNull(result.result().abortReason());
  }
}
