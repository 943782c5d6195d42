package io.jcl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcl.cli.JclForTests;
import io.jcl.primary.RuntimeDir;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code jcl verify} end to end with real JVMs: a pass across a roll, a threshold that cannot hold, a new
 * generation that fails under the provoked roll, a cluster that never starts, and SIGINT mid-run. After
 * each, no process and no private runtime home is left. Loads are short (a few seconds) to keep the suite quick.
 */
class VerifyTest {

  private static final String ROUTES = """
      worker {
          %s
          http {
              get('/') { ctx -> ctx.response().end('ok') }
          }
      }
      """;

  @TempDir
  Path tmp;

  @Test
  void aRollUnderLoadPassesAndTheJUnitXmlHasOneCasePerThresholdAndEvent() throws Exception {
    // A new worker sends its application 1,000 requests before it takes traffic; 200 keep the roll short.
    Path script = script("pass", "", """
        restart {
            warmup 200
        }
        verify {
            rate 500
            duration 10.s
            warmup 1.s
            roll at: 1.s
        }
        """);
    Path junit = tmp.resolve("pass.xml");
    JclForTests.Result r = JclForTests.run("verify", script.toString(), "--junit", junit.toString(),
        "--json", tmp.resolve("pass.json").toString());
    System.out.println(r.out() + r.err());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("FAIR by connections"), r.out());
    assertTrue(r.out().matches("(?s).*PASS +roll at 1s +done.*"), r.out());
    Map<String, String> cases = junitCases(junit);
    assertEquals(List.of("failed <= 0", "fair", "roll at 1s"), List.copyOf(cases.keySet()));
    cases.values().forEach(failure -> assertEquals("", failure));
    assertTrue(Files.size(tmp.resolve("pass.json")) > 0);
    assertNothingLeft(privateHome("pass", ProcessHandle.current().pid()));
  }

  @Test
  void aThresholdThatCannotHoldExits3NamingItAndItsFigures() throws Exception {
    Path script = script("p99", "", """
        verify {
            rate 300
            duration 3.s
            warmup 1.s
            roll false
            p99 0.001.ms
        }
        """);
    Path junit = tmp.resolve("p99.xml");
    JclForTests.Result r = JclForTests.run("verify", script.toString(), "--junit", junit.toString());
    System.out.println(r.out() + r.err());
    assertEquals(3, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("jcl verify: FAILED: p99 <= 0.001 ms"), r.out());
    Map<String, String> cases = junitCases(junit);
    assertEquals(List.of("failed <= 0", "p99 <= 0.001 ms", "fair"), List.copyOf(cases.keySet()));
    assertEquals("", cases.get("failed <= 0"));
    assertTrue(cases.get("p99 <= 0.001 ms").matches("p99 <= 0\\.001 ms failed: p99 \\d+\\.\\d{3} ms .*"),
        cases.get("p99 <= 0.001 ms"));
    assertNothingLeft(privateHome("p99", ProcessHandle.current().pid()));
  }

  @Test
  void aNewGenerationThatFailsUnderTheRollFailsTheRunWithTheReason() throws Exception {
    // Generation 1 starts; the roll's generation 2 throws while its workers evaluate the script.
    Path script = script("badgen", "if (System.getenv('JCL_SLOT') != null && System.getenv('JCL_GENERATION') != '1') { "
        + "throw new IllegalStateException('generation 2 refuses to start') }", """
        restart {
            warmup 200
        }
        verify {
            rate 300
            duration 5.s
            warmup 1.s
            roll at: 1.s
        }
        """);
    JclForTests.Result r = JclForTests.run("verify", script.toString());
    System.out.println(r.out() + r.err());
    assertEquals(3, r.code(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*FAIL +roll at 1s +[^\\n]*failed: .*"), r.out());
    assertTrue(r.err().contains("generation 2 refuses to start"), "the new workers' own words: " + r.err());
    assertTrue(r.out().contains("jcl verify: FAILED: roll at 1s"), r.out());
    assertNothingLeft(privateHome("badgen", ProcessHandle.current().pid()));
  }

  @Test
  void aClusterThatNeverStartsExits1WithTheWorkersLastOutput() throws Exception {
    Path script = script("nostart", "if (System.getenv('JCL_SLOT') != null) { "
        + "throw new IllegalStateException('no start today') }", """
        restart {
            readyTimeout 3.s
            maxRestarts 1
        }
        """);
    JclForTests.Result r = JclForTests.run("verify", script.toString());
    System.out.println(r.out() + r.err());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("jcl verify: the cluster did not start: "), r.err());
    assertTrue(r.err().contains("no start today"), "the workers' own words: " + r.err());
    assertNothingLeft(privateHome("nostart", ProcessHandle.current().pid()));
  }

  @Test
  void aTypoInTheVerifyBlockIsFileLineCol() throws Exception {
    Path script = script("typo", "", """
        verify {
            rat 500
        }
        """);
    int line = Files.readAllLines(script).indexOf("    rat 500") + 1;
    String expected = script + ":" + line + ":5: unknown option 'rat' in verify { }; did you mean 'rate'?";
    JclForTests.Result r = JclForTests.run("verify", script.toString());
    assertEquals(1, r.code());
    assertEquals(expected, r.err().lines().findFirst().orElse(""));
    JclForTests.Result check = JclForTests.run("check", script.toString());
    assertEquals(1, check.code());
    assertEquals(expected, check.err().lines().findFirst().orElse(""));
    assertFalse(Files.exists(privateHome("typo", ProcessHandle.current().pid())));
  }

  @Test
  void sigintMidRunStopsTheClusterAndRemovesItsHome() throws Exception {
    Path script = script("sigint", "", """
        verify {
            rate 300
            duration 60.s
            warmup 1.s
            roll false
        }
        """);
    // env --default-signal: a suite started in the background (`.ci/run &`) ignores SIGINT, its children
    // inherit that, and a JVM keeps an ignored SIGINT ignored (as nohup means it to).
    List<String> cmd = List.of("env", "--default-signal=INT",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "io.jcl.cli.Jcl", "verify", script.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Path home = privateHome("sigint", p.pid());
    List<String> seen = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        seen.add(line);
        if (line.contains("every worker LISTENING")) {
          break;
        }
      }
      assertTrue(Files.isDirectory(home.resolve("run")), "running under " + home + ": " + seen);
      // Read on while it runs: a child whose pipe is full blocks on its next write and never exits.
      List<String> after = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread reader = new Thread(() -> out.lines().forEach(after::add), "verify-output");
      reader.setDaemon(true);
      reader.start();
      Thread.sleep(2000); // the load is on
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
      boolean exited = p.waitFor(60, TimeUnit.SECONDS);
      reader.join(5_000);
      synchronized (after) {
        seen.addAll(after);
      }
      assertTrue(exited, () -> "jcl verify exits on SIGINT: " + String.join("\n", seen));
    }
    System.out.println(String.join("\n", seen));
    assertNothingLeft(home);
  }

  private Path script(String name, String workerLine, String blocks) throws IOException {
    Path f = tmp.resolve(name + ".groovy");
    String text = "cluster {\n    workers 2\n}\n\n" + ROUTES.formatted(workerLine) + "\n" + blocks;
    Files.writeString(f, text);
    return f;
  }

  private static Path privateHome(String script, long verifyPid) {
    return RuntimeDir.home().resolve("verify").resolve(script + "-" + verifyPid);
  }

  /** No directory, and no process that has it in its command line or environment (the primary and workers do). */
  private static void assertNothingLeft(Path home) throws IOException {
    assertFalse(Files.exists(home), home + " removed");
    String mark = home.toAbsolutePath().toString();
    List<String> left = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        for (String part : List.of("environ", "cmdline")) {
          try {
            if (new String(Files.readAllBytes(proc.resolve(part)), StandardCharsets.ISO_8859_1).contains(mark)) {
              left.add(proc.getFileName() + " (" + part + ")");
            }
          } catch (IOException e) {
            // gone, or not ours
          }
        }
      }
    }
    assertEquals(List.of(), left, "processes of the private cluster still running");
  }

  /** Test case name -> its failure message ("" when it passed), in document order. */
  private static Map<String, String> junitCases(Path xml) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    NodeList cases = doc.getElementsByTagName("testcase");
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      NodeList failures = c.getElementsByTagName("failure");
      out.put(c.getAttribute("name"), failures.getLength() == 0 ? "" : ((Element) failures.item(0)).getAttribute("message"));
    }
    Element suite = doc.getDocumentElement();
    assertEquals(Integer.toString(out.size()), suite.getAttribute("tests"));
    assertEquals(Long.toString(out.values().stream().filter(f -> !f.isEmpty()).count()), suite.getAttribute("failures"));
    return out;
  }
}
