package io.jcl.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that need no running cluster: what a user and CI see, exit codes included. */
class CliTest {

  @Test
  void checkPassesTheTemplatesAndReportsProblemsWithoutStackTraces(@TempDir Path dir) throws Exception {
    JclForTests.Result ok = JclForTests.run("check", "../scripts/hello.groovy", "../scripts/sticky.groovy",
        "../scripts/api-verticle.groovy");
    assertEquals(0, ok.code(), ok.err());

    Path bad = dir.resolve("bad.groovy");
    Files.writeString(bad, "cluster {\n    workerz 2\n}\nworker { http { get('/') { ctx -> ctx.response().end() } } }\n");
    JclForTests.Result r = JclForTests.run("check", bad.toString(), "../scripts/hello.groovy");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(bad + ":2:5: unknown option 'workerz' in cluster { }; did you mean 'workers'?\n"), r.err());
    assertTrue(r.err().contains("1 of 2 scripts have problems"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());

    JclForTests.Result missing = JclForTests.run("check", dir.resolve("nope.groovy").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("nope.groovy: no such file"), missing.err());
  }

  @Test
  void runReportsProblemsWithPositionsAndStartsNothing() {
    JclForTests.Result r = JclForTests.run("run", "../scripts/hello.groovy", "--set", "cluster.prot=80");
    assertEquals(1, r.code());
    assertEquals("--set cluster.prot: unknown option 'cluster.prot'; did you mean 'cluster.port'?\n", r.err());

    JclForTests.Result range = JclForTests.run("run", "../scripts/hello.groovy", "--workers", "0");
    assertEquals(1, range.code());
    assertEquals("--set cluster.workers: cluster.workers: 0 is below the minimum 1\n", range.err());
  }

  @Test
  void initWritesATemplateThatChecks(@TempDir Path dir) {
    JclForTests.Result list = JclForTests.run("init", "--list");
    assertEquals(0, list.code());
    assertEquals(List.of("hello", "sticky", "api-verticle"), list.out().lines().toList());

    Path target = dir.resolve("mine.groovy");
    assertEquals(0, JclForTests.run("init", "api-verticle", target.toString()).code());
    assertTrue(Files.exists(dir.resolve("verticles/Greeter.groovy")), "the Groovy verticle comes along");
    assertEquals(0, JclForTests.run("check", target.toString()).code());
    assertTrue(assertDoesNotThrow(() -> Files.readString(target)).contains("\nverify {"),
        "a template comes with the verify { } block `jcl verify` runs in CI");
    assertEquals(1, JclForTests.run("init", "hello", target.toString()).code(), "never overwrites");
    assertEquals(1, JclForTests.run("init", "helo").code());
  }

  /** A separate JVM, so the environment layer is real: default < script < JCL_* < --set. */
  @Test
  void planShowsEachValueAndWhereItCameFrom() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Jcl.class.getName(),
        "plan", "../scripts/api-verticle.groovy", "--set", "cluster.port=9999");
    pb.environment().put("JCL_HEALTH_FAIL_AFTER", "7");
    pb.environment().put("JCL_CLUSTER_PORT", "7777");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process plan = pb.start();
    String out = new String(plan.getInputStream().readAllBytes());
    assertTrue(plan.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, plan.exitValue(), out);
    JsonObject options = new JsonObject(out).getJsonObject("options");

    assertEquals(new JsonObject().put("value", 1).put("source", "default").put("at", "default"),
        options.getJsonObject("restart.parallel"));
    assertEquals(new JsonObject().put("value", 2).put("source", "script").put("at", "../scripts/api-verticle.groovy:4:5"),
        options.getJsonObject("cluster.workers"));
    assertEquals(new JsonObject().put("value", 7).put("source", "env").put("at", "env JCL_HEALTH_FAIL_AFTER"),
        options.getJsonObject("health.failAfter"));
    assertEquals(new JsonObject().put("value", 9999).put("source", "--set").put("at", "--set cluster.port"),
        options.getJsonObject("cluster.port"), "--set beats the environment");
    assertEquals("api-verticle", options.getJsonObject("cluster.name").getString("value"));

    // The JVM flags jcl derives, each with why; the script's verticles have one instance: one event loop.
    JsonObject worker = new JsonObject(out).getJsonObject("jvm").getJsonObject("worker");
    var flags = worker.getJsonArray("flags").stream().map(o -> (JsonObject) o).toList();
    assertTrue(flags.stream().anyMatch(f -> f.getString("flag").equals("-XX:+UseSerialGC") && !f.getString("why").isBlank()),
        worker::encodePrettily);
    assertTrue(flags.stream().anyMatch(f -> f.getString("flag").startsWith("-Xmx")), worker::encodePrettily);
    assertEquals("1", worker.getJsonObject("env").getJsonObject("JCL_EVENT_LOOPS").getString("value"));
    assertTrue(worker.getString("commandLine").contains("-XX:+UseSerialGC"));
    // The primary's, as a detached primary gets them on this JVM.
    assertTrue(new JsonObject(out).getJsonObject("jvm").getJsonObject("primary").getJsonArray("flags").getList()
        .containsAll(RunCommand.primaryFlags(Runtime.version())), out);
  }
}
