package io.jcl.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broken-script corpus: every script under {@code src/test/resources/broken} is rejected with the
 * message a user can act on, at the exact line and column of the mistake (as {@code jcl check} prints it).
 */
class BrokenScriptsTest {

  private static final Path BROKEN = Path.of("src", "test", "resources", "broken");

  /** Full message, compared with assertEquals. */
  private static Arguments exact(String script, int line, int column, String message) {
    return arguments(script, line, column, message, true);
  }

  /** Only a fragment: the rest of the message comes from Groovy or the JDK and may change with them. */
  private static Arguments partial(String script, int line, int column, String fragment) {
    return arguments(script, line, column, fragment, false);
  }

  static Stream<Arguments> firstProblem() {
    return Stream.of(
        // Syntax: the parser's "Unexpected input: '{'" at the block's brace is replaced by the bracket at fault.
        exact("syntax_unclosed_brace", 1, 9, "'{' is never closed: '}' missing before the end of the file"),
        exact("syntax_unclosed_handler", 7, 18, "'{' is never closed: '}' missing before the end of the file"),
        exact("syntax_bad_token", 3, 15, "unexpected ')': no '(' is open here"),
        exact("syntax_missing_paren", 3, 12, "'(' is never closed: ')' missing before the '}' at 4:5"),
        partial("syntax_bad_character", 3, 12, "Unexpected character: '#'"),
        partial("syntax_unterminated_string", 2, 10, "Unexpected character"),

        // Unknown blocks and options, with a suggestion in every block.
        exact("unknown_block", 1, 1, "unknown block 'clustr'; did you mean 'cluster'?"),
        exact("unknown_option_cluster", 2, 5, "unknown option 'workerz' in cluster { }; did you mean 'workers'?"),
        exact("unknown_option_jvm", 3, 9, "unknown option 'heapp' in jvm { }; did you mean 'heap'?"),
        exact("unknown_option_ipc", 3, 9, "unknown option 'maxFrames' in ipc { }; did you mean 'maxFrame'?"),
        exact("unknown_option_join", 3, 9, "unknown option 'adress' in join { }; did you mean 'address'?"),
        exact("unknown_option_sticky", 4, 9, "unknown option 'bye' in sticky { }; did you mean 'by'?"),
        exact("unknown_option_health", 2, 5, "unknown option 'intervall' in health { }; did you mean 'interval'?"),
        exact("unknown_option_restart", 2, 5,
            "unknown option 'maxRestart' in restart { }; did you mean 'maxRestarts'?"),
        exact("unknown_option_backoff", 4, 9, "unknown option 'factr' in backoff { }; did you mean 'factor'?"),
        exact("unknown_option_worker", 2, 5,
            "unknown option 'instanses' in worker { }; did you mean 'instances'?"),
        exact("unknown_option_http", 3, 9, "unknown option 'gett' in http { }; did you mean 'get'?"),
        exact("unknown_option_primary", 8, 5,
            "unknown option 'consumr' in primary { }; did you mean 'consumer'?"),
        exact("unknown_option_no_suggestion", 3, 5, "unknown option 'frobnicate' in cluster { }"),
        exact("unknown_name", 2, 13, "unknown name 'autoo' in cluster { }; did you mean 'auto'?"),
        exact("bare_unknown_option", 2, 5, "unknown name 'workerz' in cluster { }; did you mean 'workers'?"),
        exact("option_without_value", 4, 9, "'appCds' needs a value: write 'appCds value'"),
        exact("assignment_form", 2, 5,
            "options are set without '=': write 'workers value', not 'workers = value'"),
        // Used to compile and fail at run time with "no option cluster.prot (IllegalArgumentException)".
        exact("assignment_unknown_option", 3, 5,
            "unknown option 'prot' in cluster { }; did you mean 'port'? (options are set without '=')"),
        exact("undeclared_variable", 1, 1, "'basePort' is not declared: write 'def basePort = ...'"),

        // Wrong types, caught by the type checker before anything runs.
        exact("wrong_type_workers", 2, 5, "cluster.workers expects a whole number or auto, got String"),
        exact("wrong_type_port", 2, 5, "cluster.port expects a whole number, got String"),
        exact("wrong_type_hosts", 2, 5, "cluster.hosts expects a list of strings, got Integer"),
        exact("wrong_type_interval", 2, 5, "health.interval expects a duration such as 500.ms or '2s', got Integer"),
        exact("wrong_type_max_heap", 2, 5,
            "health.maxHeap expects a percentage such as 90.percent or '90%', got Integer"),
        exact("wrong_type_app_cds", 3, 9, "cluster.jvm.appCds expects true or false, got String"),
        exact("wrong_type_factor", 3, 9, "restart.backoff.factor expects a number, got String"),
        exact("wrong_type_max_requests", 2, 5, "health.maxRequests expects a whole number, got String"),
        exact("wrong_type_reset_after", 3, 9,
            "restart.backoff.resetAfter expects a duration such as 500.ms or '2s', got Integer"),
        exact("wrong_type_block_arg", 1, 1, "cluster expects ({ block }), got (Integer)"),
        // int / int is a BigDecimal division in Groovy, so this is a type error, not 4 workers.
        exact("division_is_decimal", 2, 5, "cluster.workers expects a whole number or auto, got BigDecimal"),

        // Out of range, and literals that do not parse.
        exact("range_port_high", 2, 5, "cluster.port: 70000 is above the maximum 65535"),
        exact("range_port_zero", 2, 5, "cluster.port: 0 is below the minimum 1"),
        exact("range_workers_zero", 2, 5, "cluster.workers: 0 is below the minimum 1"),
        exact("range_fail_after_zero", 2, 5, "health.failAfter: 0 is below the minimum 1"),
        exact("range_max_requests_jitter", 2, 5, "health.maxRequestsJitter: -1 is below the minimum 0"),
        exact("range_interval_short", 2, 5, "health.interval: 10ms is below the minimum 50ms"),
        exact("range_max_heap", 2, 5, "health.maxHeap: 120% is above the maximum 100%"),
        exact("range_heap", 3, 9, "cluster.jvm.heap: 8m is below the minimum 16m"),
        exact("range_member_timeout", 4, 9, "cluster.join.memberTimeout: 500ms is below the minimum 2s"),
        exact("hosts_bad_port", 2, 5, "cluster.hosts: '127.0.0.3:70000': port 70000 is outside 1..65535"),
        exact("range_parallel_zero", 2, 5, "restart.parallel: 0 is below the minimum 1"),
        exact("bad_duration", 2, 5, "restart.drainTimeout: not a duration: '2x' (use 500ms, 2s, 1m, 1h or 500.ms)"),
        exact("bad_size", 3, 9, "cluster.jvm.heap: not a size: 'lots' (use 512k, 256m, 2g)"),
        exact("choice_typo", 2, 5,
            "cluster.scheduling: 'round-robbin' is not one of round-robin, os, sticky; did you mean 'round-robin'?"),

        // Contradictions between options, at the option that breaks the rule.
        exact("contradiction_timeout", 3, 5,
            "health.timeout (2s) must be longer than health.interval (2s), or every worker is late"),
        exact("contradiction_backoff", 3, 9, "restart.backoff.initial (20s) is longer than restart.backoff.max (10s)"),
        exact("contradiction_parallel", 6, 5,
            "restart.parallel (3) is more than the 2 workers: a rolling restart would stop them all at once"),
        exact("contradiction_sticky", 3, 5, "sticky { } only applies with scheduling 'sticky' (it is 'round-robin')"),
        exact("contradiction_worker_header", 2, 5, "cluster.workerHeader: 'X Worker' is not a valid HTTP header name"),
        exact("empty_worker", 5, 1, "worker { } declares nothing to serve: add http { } routes or a verticle"),
        exact("no_worker", 1, 1, "the script has no worker { } block: declare what each worker runs"),
        exact("block_twice", 11, 1, "cluster { } appears twice (first at line 1); merge them"),

        // Errors while the script runs, at the statement that threw; no stack trace, no package names.
        exact("runtime_parse_int", 3, 5,
            "error while evaluating the script: For input string: \"x\" (NumberFormatException)"),
        exact("runtime_nested_block", 5, 9,
            "error while evaluating the script: For input string: \"two\" (NumberFormatException)"),
        exact("runtime_div_zero", 2, 5, "error while evaluating the script: Division by zero (ArithmeticException)"),
        exact("runtime_intdiv_zero", 2, 5, "error while evaluating the script: / by zero (ArithmeticException)"),
        exact("runtime_null", 3, 5,
            "error while evaluating the script: Cannot invoke \"String.trim()\" because the return value of \"java.lang.System.getenv(String)\" is null (NullPointerException)"),

        // Routes, verticles and the primary.
        exact("bad_route_path", 4, 9, "route path must start with '/': 'nope'"),
        exact("verticle_unknown_option", 2, 5, "unknown verticle option 'instanzes'; did you mean 'instances'?"),
        exact("verticle_bad_instances", 2, 5, "verticle instances: expected a whole number from 1 to 64, got 100"),
        exact("verticle_missing_file", 2, 5, "verticle file not found: verticles/Missing.groovy"),
        exact("verticle_not_groovy", 2, 5, "verticle file must be a .groovy source: verticles/Greeter.java"),
        exact("verticle_string_file", 2, 5,
            "'verticles/Greeter.groovy' looks like a file: use verticle file('verticles/Greeter.groovy')"),
        exact("primary_unknown_event", 8, 5, "unknown cluster event 'worker.exitt'; did you mean 'worker.exit'?"),
        exact("primary_bad_period", 8, 5, "every: not a duration: '2x' (use 500ms, 2s, 1m, 1h or 500.ms)"),

        // Ordinary Groovy inside a route handler: type-checked too, at the method name.
        exact("route_handler_type_error", 4, 28, "unknown method 'endd' on HttpServerResponse; did you mean 'end'?"),
        exact("route_handler_wrong_args", 4, 28, "HttpServerResponse#setStatusCode expects (Integer), got (String)"),
        partial("route_handler_unknown_name", 4, 32, "[greeting] is undeclared"),
        // Used to compile, then fail on the first request.
        partial("route_handler_assignment", 4, 13, "[hits] is undeclared"),

        // verify { }: checked like every other block.
        exact("verify_unknown_option", 2, 5, "unknown option 'rat' in verify { }; did you mean 'rate'?"),
        exact("verify_wrong_type", 2, 5, "verify.p99 expects a duration such as 500.ms or '2s', got Integer"),
        exact("verify_roll_typo", 3, 5, "unknown roll option 'att'; did you mean 'at'?"),
        exact("verify_roll_after_end", 3, 5, "verify: the roll at 8s is not within the duration (5s)"),
        exact("verify_request_typo", 2, 5, "unknown request option 'wieght'; did you mean 'weight'?"),
        exact("verify_kill_without_at", 2, 5, "kill needs slot: and at:, e.g. kill slot: 0, at: 4.s"),
        exact("verify_rate_zero", 2, 5, "verify.rate: 0.0 is below the minimum 1.0"));
  }

  @ParameterizedTest(name = "{0} -> {1}:{2}")
  @MethodSource
  void firstProblem(String script, int line, int column, String message, boolean exact) {
    Problem first = problems(script).get(0);
    assertEquals(file(script) + ":" + line + ":" + column, first.position().toString(), first.toString());
    if (exact) {
      assertEquals(message, first.message());
    } else {
      assertTrue(first.message().contains(message), () -> "expected '" + message + "' in: " + first);
    }
    assertFalse(first.message().contains("\tat ") || first.message().contains("Exception:"), first::toString);
  }

  static Stream<Arguments> allProblems() {
    return Stream.of(
        // Every compile error at once; the follow-on "Object" complaints of an unknown name are not repeated.
        arguments("multi_compile", List.of(
            "2:5: unknown option 'workerz' in cluster { }; did you mean 'workers'?",
            "3:5: cluster.port expects a whole number, got String",
            "7:5: health.maxHeap expects a percentage such as 90.percent or '90%', got Integer")),
        arguments("multi_values", List.of(
            "2:5: cluster.port: 70000 is above the maximum 65535",
            "3:5: cluster.scheduling: 'stiky' is not one of round-robin, os, sticky; did you mean 'sticky'?",
            "7:5: health.failAfter: 0 is below the minimum 1")),
        arguments("multi_contradictions", List.of(
            "7:5: health.timeout (1s) must be longer than health.interval (5s), or every worker is late",
            "12:9: restart.backoff.initial (1h) is longer than restart.backoff.max (1s)",
            "15:5: restart.parallel (4) is more than the 2 workers: a rolling restart would stop them all at once")),
        // One mistake, one problem: nothing about the untyped body of the misspelled block.
        arguments("unknown_block", List.of("1:1: unknown block 'clustr'; did you mean 'cluster'?")),
        arguments("unknown_option_http", List.of("3:9: unknown option 'gett' in http { }; did you mean 'get'?")),
        arguments("unknown_option_primary", List.of(
            "8:5: unknown option 'consumr' in primary { }; did you mean 'consumer'?")),
        arguments("unknown_name", List.of("2:13: unknown name 'autoo' in cluster { }; did you mean 'auto'?")),
        arguments("route_handler_wrong_args", List.of(
            "4:28: HttpServerResponse#setStatusCode expects (Integer), got (String)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void allProblems(String script, List<String> expected) {
    List<String> actual = problems(script).stream()
        .peek(p -> assertEquals(file(script), p.position().file()))
        .map(p -> p.position().line() + ":" + p.position().column() + ": " + p.message())
        .toList();
    assertEquals(expected, actual);
  }

  static Stream<Arguments> overrides() {
    return Stream.of(
        arguments("--set", "cluster.prot", "9000", "--set cluster.prot",
            "unknown option 'cluster.prot'; did you mean 'cluster.port'?"),
        arguments("--set", "helth.interval", "2s", "--set helth.interval",
            "unknown option 'helth.interval'; did you mean 'health.interval'?"),
        arguments("--set", "cluster.port", "70000", "--set cluster.port", "cluster.port: 70000 is above the maximum 65535"),
        arguments("--set", "health.interval", "2x", "--set health.interval",
            "health.interval: not a duration: '2x' (use 500ms, 2s, 1m, 1h or 500.ms)"),
        arguments("env", "cluster.workers", "lots", "env JCL_CLUSTER_WORKERS",
            "cluster.workers: expected a whole number or auto, got 'lots'"),
        arguments("env", "cluster.scheduling", "sticy", "env JCL_CLUSTER_SCHEDULING",
            "cluster.scheduling: 'sticy' is not one of round-robin, os, sticky; did you mean 'sticky'?"),
        // Valid alone, contradicting the script's 2 workers: reported at the override, not the script.
        arguments("--set", "restart.parallel", "4", "--set restart.parallel",
            "restart.parallel (4) is more than the 2 workers: a rolling restart would stop them all at once"),
        arguments("--set", "health.timeout", "500ms", "--set health.timeout",
            "health.timeout (500ms) must be longer than health.interval (1s), or every worker is late"));
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @MethodSource
  void overrides(String layer, String key, String raw, String origin, String message) {
    Layer override = new Layer(layer, Map.of(key, raw), Map.of(key, origin));
    ScriptProblems e = assertThrows(ScriptProblems.class,
        () -> DeploymentLoader.load(BROKEN.resolve("overrides_base.groovy"), List.of(override)));
    Problem first = e.problems().get(0);
    assertEquals(SourcePosition.external(origin), first.position());
    assertEquals(origin + ": " + message, first.toString());
  }

  @Test
  void overridesBaseIsValid() {
    assertEquals(2, DeploymentLoader.load(BROKEN.resolve("overrides_base.groovy"), List.of()).cluster().workers());
  }

  /** The corpus and the table above stay in step: a new broken script needs an expectation. */
  @Test
  void everyBrokenScriptHasACase() throws IOException {
    Set<String> covered = firstProblem().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
    allProblems().forEach(a -> covered.add((String) a.get()[0]));
    covered.add("overrides_base");
    Set<String> files;
    try (Stream<Path> list = Files.list(BROKEN)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy"))
          .map(n -> n.substring(0, n.length() - ".groovy".length())).collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(files, covered);
  }

  private static String file(String script) {
    return BROKEN.resolve(script + ".groovy").toString();
  }

  private static List<Problem> problems(String script) {
    ScriptProblems e = assertThrows(ScriptProblems.class, () -> DeploymentLoader.load(Path.of(file(script)), List.of()));
    assertFalse(e.problems().isEmpty());
    return e.problems();
  }
}
