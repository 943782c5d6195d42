package io.jcl.dsl;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code verify { }}: how {@code jcl verify} checks this deployment, as k6 keeps thresholds in its test
 * script: the load (rate, duration, connections, the requests), the failures to provoke while it runs
 * (a roll, a scale, a killed worker) and the thresholds. Scalars are options ({@code verify.*}, so
 * {@code --set verify.rate=500} works); requests and events are recorded with the line that wrote them.
 */
public final class VerifySpec extends Spec {

  private static final Set<String> REQUEST_KEYS = Set.of("method", "headers", "body", "weight");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  VerifySpec(ScriptContext ctx) {
    super(ctx, "verify.");
  }

  public void rate(Number perSecond) {
    assign("rate", perSecond);
  }

  public void duration(Duration d) {
    assign("duration", d);
  }

  public void duration(String d) {
    assign("duration", d);
  }

  public void warmup(Duration d) {
    assign("warmup", d);
  }

  public void warmup(String d) {
    assign("warmup", d);
  }

  public void timeout(Duration d) {
    assign("timeout", d);
  }

  public void timeout(String d) {
    assign("timeout", d);
  }

  public void connections(int n) {
    assign("connections", n);
  }

  public void newConnectionPerRequest(boolean on) {
    assign("newConnectionPerRequest", on);
  }

  public void sourceIps(int k) {
    assign("sourceIps", k);
  }

  /** {@code request '/'}: a GET, weight 1. */
  public void request(String path) {
    request(Map.of(), path);
  }

  /** {@code request '/api', method: 'POST', headers: [...], body: '...', weight: 3}. */
  @SuppressWarnings("unchecked")
  public void request(Map<String, ?> options, String path) {
    SourcePosition at = Positions.current();
    if (path == null || !path.startsWith("/")) {
      ctx.problem(at, "request path must start with '/': '" + path + "'");
      return;
    }
    String method = "GET";
    Map<String, String> headers = Map.of();
    String body = null;
    int weight = 1;
    for (Map.Entry<String, ?> e : options.entrySet()) {
      Object v = e.getValue();
      switch (e.getKey()) {
        case "method" -> {
          method = String.valueOf(v).toUpperCase(java.util.Locale.ROOT);
          if (!METHODS.contains(method)) {
            ctx.problem(at, "request method: '" + v + "' is not one of " + String.join(", ", new java.util.TreeSet<>(METHODS)));
            return;
          }
        }
        case "headers" -> {
          if (!(v instanceof Map<?, ?> m)) {
            ctx.problem(at, "request headers: expected a map of names to values, got " + v);
            return;
          }
          headers = (Map<String, String>) OptionType.MAP.canonical(m);
        }
        case "body" -> body = String.valueOf(v);
        case "weight" -> {
          if (!(v instanceof Integer n) || n < 1 || n > 1000) {
            ctx.problem(at, "request weight: expected a whole number from 1 to 1000, got " + v);
            return;
          }
          weight = n;
        }
        default -> {
          ctx.problem(at, "unknown request option '" + e.getKey() + "'" + hint(e.getKey(), REQUEST_KEYS));
          return;
        }
      }
    }
    ctx.verifyRequests.add(new VerifyRequest(method, path, headers, body, weight, at));
  }

  /** {@code roll at: 5.s}: the rolling restart ({@code jcl reload}) starts 5 s into the measured part. */
  public void roll(Map<String, ?> options) {
    SourcePosition at = Positions.current();
    for (Map.Entry<String, ?> e : options.entrySet()) {
      if (e.getKey().equals("at")) {
        assign("rollAt", e.getValue());
      } else {
        ctx.problem(at, "unknown roll option '" + e.getKey() + "'" + hint(e.getKey(), Set.of("at")));
      }
    }
    assign("roll", true);
  }

  /** {@code roll false}: no roll (one is provoked by default). */
  public void roll(boolean on) {
    assign("roll", on);
  }

  /** {@code scale to: 3, at: 4.s}: as {@code jcl scale N}, 4 s into the measured part. */
  public void scale(Map<String, ?> options) {
    event("scale", "to", options);
  }

  /** {@code kill slot: 0, at: 3.s}: SIGKILL to the worker of slot 0, as a crash would; the primary respawns it. */
  public void kill(Map<String, ?> options) {
    event("kill", "slot", options);
  }

  private void event(String kind, String valueKey, Map<String, ?> options) {
    SourcePosition at = Positions.current();
    Duration when = null;
    Integer value = null;
    for (Map.Entry<String, ?> e : options.entrySet()) {
      Object v = e.getValue();
      if (e.getKey().equals("at")) {
        try {
          when = Option.duration(OptionType.DURATION.canonical(v));
        } catch (IllegalArgumentException ex) {
          ctx.problem(at, kind + " at: " + ex.getMessage());
          return;
        }
      } else if (e.getKey().equals(valueKey)) {
        if (!(v instanceof Integer n) || n < (kind.equals("kill") ? 0 : 1) || n > 256) {
          ctx.problem(at, kind + " " + valueKey + ": expected a whole number from " + (kind.equals("kill") ? 0 : 1)
              + " to 256, got " + v);
          return;
        }
        value = n;
      } else {
        ctx.problem(at, "unknown " + kind + " option '" + e.getKey() + "'" + hint(e.getKey(), Set.of("at", valueKey)));
        return;
      }
    }
    if (when == null || value == null) {
      ctx.problem(at, kind + " needs " + valueKey + ": and at:, e.g. " + kind + " " + valueKey + ": "
          + (kind.equals("kill") ? "0" : "3") + ", at: 4.s");
      return;
    }
    ctx.verifyEvents.add(new VerifyEvent(kind, when, value, at));
  }

  public void maxFailed(int n) {
    assign("maxFailed", n);
  }

  public void p50(Duration d) {
    assign("p50", d);
  }

  public void p50(String d) {
    assign("p50", d);
  }

  public void p99(Duration d) {
    assign("p99", d);
  }

  public void p99(String d) {
    assign("p99", d);
  }

  public void p999(Duration d) {
    assign("p999", d);
  }

  public void p999(String d) {
    assign("p999", d);
  }

  public void max(Duration d) {
    assign("max", d);
  }

  public void max(String d) {
    assign("max", d);
  }

  public void fair(boolean on) {
    assign("fair", on);
  }

  public void fairnessDelta(double delta) {
    assign("fairnessDelta", delta);
  }

  public void sticky(boolean on) {
    assign("sticky", on);
  }

  private static String hint(String name, Set<String> known) {
    return DidYouMean.suggest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
  }
}
