package io.jcl.cli;

import io.jcl.primary.RuntimeDir;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What {@code jcl send}, {@code jcl publish} and {@code jcl request} share: {@code [NAME] ADDRESS JSON},
 * the JSON checked here, one {@code POST /ipc/<verb>} on the primary's admin API.
 */
final class IpcCall {

  private IpcCall() {
  }

  /** @return the exit code: 0 delivered (or replied), 1 otherwise */
  static int run(CommandSpec spec, String verb, List<String> args, Duration timeout) throws Exception {
    if (args == null || args.size() < 2 || args.size() > 3) {
      throw new ParameterException(spec.commandLine(), "expected [NAME] ADDRESS JSON");
    }
    String name = args.size() == 3 ? args.get(0) : null;
    String address = args.get(args.size() - 2);
    String json = args.get(args.size() - 1);
    try {
      Json.decodeValue(json);
    } catch (DecodeException e) {
      throw new ParameterException(spec.commandLine(), "JSON: not valid JSON: " + json);
    }
    RuntimeDir dir = RunningClusters.find(name);
    String path = "/ipc/" + verb + "?address=" + URLEncoder.encode(address, StandardCharsets.UTF_8)
        + (timeout == null ? "" : "&timeout=" + timeout.toMillis());
    // The HTTP call waits a little longer than the request, so the primary's answer (a timeout) is what we print.
    Duration wait = (timeout == null ? Duration.ofSeconds(5) : timeout).plusSeconds(5);
    HttpResponse<String> r = RunningClusters.post(dir, path, json, wait);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (r.statusCode() == 200 || r.statusCode() == 202) {
      if (!r.body().isEmpty()) {
        out.println(r.body());
      }
      return 0;
    }
    if (r.statusCode() == 502) {
      JsonObject f = new JsonObject(r.body());
      err.println("jcl: request to '" + address + "' failed: " + f.getString("failureType", "ERROR") + ": "
          + f.getString("message"));
    } else {
      err.println("jcl: " + verb + ": the primary answered " + r.statusCode() + " " + r.body().trim());
    }
    return 1;
  }
}
