package io.jcl.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped templates compile, evaluate and become a model, as {@code jcl check} and the README promise. */
class TemplatesTest {

  private static final Path SCRIPTS = Path.of("..", "scripts");

  @Test
  void helloDeclaresRoutesAndDefaults() {
    Deployment d = DeploymentLoader.load(SCRIPTS.resolve("hello.groovy"), List.of());
    assertEquals("hello", d.cluster().name());
    assertEquals(8080, d.cluster().port());
    assertEquals(Runtime.getRuntime().availableProcessors(), d.cluster().workers());
    assertEquals(List.of("/", "/health"), d.script().worker().routes().stream().map(Route::path).toList());
    assertEquals("X-Jcl-Worker", d.cluster().workerHeader());
  }

  @Test
  void apiVerticleDeclaresBothVerticles() {
    Deployment d = DeploymentLoader.load(SCRIPTS.resolve("api-verticle.groovy"), List.of());
    List<VerticleRef> v = d.script().worker().verticles();
    assertEquals("io.jcl.examples.GreetingApi", v.get(0).className());
    assertTrue(v.get(1).file().toString().endsWith("Greeter.groovy"));
    assertEquals("hi", v.get(1).config().get("greeting"));
    assertEquals(1, d.script().primary().handlers().size());
    assertEquals(5, d.restart().maxRestarts());
    assertEquals(2.0, d.restart().backoff().factor());
  }

  @Test
  void stickyTemplate() {
    Deployment d = DeploymentLoader.load(SCRIPTS.resolve("sticky.groovy"), List.of());
    assertEquals("sticky", d.cluster().scheduling());
    assertFalse(d.script().worker().routes().isEmpty());
  }

  @Test
  void ipcTemplateDeclaresConsumersOnBothSides() {
    Deployment d = DeploymentLoader.load(SCRIPTS.resolve("ipc.groovy"), List.of());
    assertEquals(List.of("cache.invalidate", "echo"), d.script().worker().consumers().stream().map(Consumer::address).toList());
    assertEquals(List.of("hits", "price.get", "price.set", "jcl.worker.exit"),
        d.script().primary().consumers().stream().map(Consumer::address).toList());
    assertEquals(0, d.restart().warmup());
  }
}
