package io.jcl.cli;

import io.jcl.dsl.Deployment.VerifyConfig;
import io.jcl.dsl.Durations;
import io.jcl.dsl.VerifyEvent;
import io.jcl.dsl.VerifyRequest;
import io.jcl.loadgen.LoadSpec;
import io.jcl.loadgen.Thresholds;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@code verify { }} block as the load generator's own options and thresholds: nothing of its own to judge with. */
final class Scenario {

  private Scenario() {
  }

  static LoadSpec.Builder load(VerifyConfig v, String workerHeader, int port) {
    VerifyRequest first = v.requests().get(0);
    LoadSpec.Builder b = LoadSpec.builder("http://127.0.0.1:" + port + first.path())
        .rps(v.rate()).duration(v.duration()).warmup(v.warmup()).timeout(v.timeout())
        .connections(v.connections()).newConnectionPerRequest(v.newConnectionPerRequest())
        .workerHeader(workerHeader).sourceIps(v.sourceIps()).fairnessDelta(v.fairnessDelta())
        .bySlot(true) // a roll replaces every process: fairness and stickiness are the slots'
        .thresholds(thresholds(v));
    for (VerifyRequest r : v.requests()) {
      b.request(HttpMethod.valueOf(r.method()), r.path(), r.headers(),
          r.body() == null ? null : r.body().getBytes(StandardCharsets.UTF_8), r.weight());
    }
    return b;
  }

  static Thresholds thresholds(VerifyConfig v) {
    Thresholds t = Thresholds.NONE.withMaxFailed(v.maxFailed()).withFair(v.fair()).withExpectSticky(v.sticky());
    if (v.p50() != null) t = t.withP50(v.p50());
    if (v.p99() != null) t = t.withP99(v.p99());
    if (v.p999() != null) t = t.withP999(v.p999());
    if (v.max() != null) t = t.withMax(v.max());
    return t;
  }

  /** One line: the load and what is provoked during it. */
  static String describe(VerifyConfig v) {
    List<String> provoked = new ArrayList<>();
    if (v.rollAt() != null) {
      provoked.add("roll at " + Durations.format(v.rollAt()));
    }
    v.events().stream().map(VerifyEvent::describe).forEach(provoked::add);
    return String.format(Locale.ROOT, "%.0f req/s for %s (warm-up %s, %s, %d request kind(s))%s", v.rate(),
        Durations.format(v.duration()), Durations.format(v.warmup()),
        v.newConnectionPerRequest() ? "a new connection per request" : v.connections() + " keep-alive connections",
        v.requests().size(), provoked.isEmpty() ? "" : "; " + String.join(", ", provoked));
  }
}
