package io.jcl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcl.view.EventLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events log rotates at its bound, and what follows it ({@code jcl events --follow}) reads every
 * event once, in order, across the rotations.
 */
class EventTailTest {

  @Test
  void followsEveryEventOnceAcrossRotations(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      Path file = dir.resolve("events.jsonl");
      EventLog log = new EventLog(vertx, file, 400); // a few lines a file: many rotations
      List<Integer> seen = new ArrayList<>();
      try (EventTail tail = new EventTail(file)) {
        for (int batch = 0; batch < 10; batch++) {
          int from = batch * 5;
          // Appends and the flush come from one context, as in the primary: its blocking tasks run in order.
          CompletableFuture<Void> written = new CompletableFuture<>();
          context.runOnContext(v -> {
            IntStream.range(from, from + 5).forEach(i ->
                log.append(new JsonObject().put("time", "t").put("event", "e").put("n", i)));
            log.flush().onComplete(ar -> written.complete(null));
          });
          written.get(10, TimeUnit.SECONDS);
          tail.poll(line -> seen.add(new JsonObject(line).getInteger("n")));
        }
      }
      assertEquals(IntStream.range(0, 50).boxed().toList(), seen, "every event once, in order");
      assertTrue(Files.exists(EventLog.rotated(file)), "rotated at the bound");
      assertTrue(Files.size(file) <= 400 && Files.size(EventLog.rotated(file)) <= 400, "each file within the bound");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
