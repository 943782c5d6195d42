package io.jcl.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary block can observe every cluster event the primary emits with {@code on('worker.unhealthy') { }}:
 * each name is accepted and becomes a handler, and a misspelt one is reported at its position with the
 * nearest name. (That the primary emits nothing outside {@link PrimarySpec#EVENTS} is checked against a
 * real events log in the toolkit's LiveViewTest and HealthTest.)
 */
class PrimaryEventsTest {

  @TempDir
  Path dir;

  @Test
  void everyEmittedEventCanBeObserved() throws IOException {
    StringBuilder script = new StringBuilder("worker {\n    http {\n        get('/') { ctx -> ctx.response().end('ok') }\n    }\n}\n"
        + "primary {\n");
    for (String event : PrimarySpec.EVENTS) {
      script.append("    on('").append(event).append("') { e -> println e.getString('reason') }\n");
    }
    script.append("}\n");
    Path file = Files.writeString(dir.resolve("events.groovy"), script);
    Deployment d = DeploymentLoader.load(file, List.of());
    assertEquals(PrimarySpec.EVENTS, d.script().primary().handlers().stream().map(PrimarySpec.EventHandler::event).toList());
    for (String emitted : List.of("worker.unhealthy", "worker.recycled", "worker.respawn", "worker.spawned",
        "reload.start", "reload.step", "scale.done", "cluster.ready", "cluster.stopping")) {
      assertTrue(PrimarySpec.EVENTS.contains(emitted), emitted);
    }
  }

  @Test
  void aMisspeltEventNamesTheNearestOne() throws IOException {
    Path file = Files.writeString(dir.resolve("typo.groovy"), "worker {\n    http {\n        get('/') { ctx -> ctx.response().end('ok') }\n"
        + "    }\n}\nprimary {\n    on('worker.recyled') { e -> println e }\n}\n");
    ScriptProblems problems = org.junit.jupiter.api.Assertions.assertThrows(ScriptProblems.class,
        () -> DeploymentLoader.load(file, List.of()));
    Problem first = problems.problems().get(0);
    assertEquals("unknown cluster event 'worker.recyled'; did you mean 'worker.recycled'?", first.message());
    assertEquals(7, first.position().line());
    assertEquals(5, first.position().column());
  }
}
