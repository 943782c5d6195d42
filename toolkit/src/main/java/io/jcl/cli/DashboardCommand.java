package io.jcl.cli;

import io.jcl.primary.RuntimeDir;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jcl dashboard [NAME]}: prints a one-time link to the cluster's live dashboard. The link holds a
 * single-use code, valid for a minute, that the admin API exchanges for a session cookie on first use:
 * the admin token itself never appears in a URL (browser history, screenshots, shell history).
 */
@Command(name = "dashboard", description = "Print a one-time link to the cluster's live dashboard "
    + "(loopback only; the link works once, within a minute).")
final class DashboardCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
  String name;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RuntimeDir dir = RunningClusters.find(name);
    HttpResponse<String> r = RunningClusters.post(dir, "/dashboard/link", "{}", Duration.ofSeconds(5));
    if (r.statusCode() != 200) {
      spec.commandLine().getErr().println("jcl: dashboard: the primary answered " + r.statusCode() + " " + r.body());
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(new JsonObject(r.body()).getString("url"));
    return 0;
  }
}
