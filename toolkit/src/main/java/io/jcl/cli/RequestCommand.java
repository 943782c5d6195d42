package io.jcl.cli;

import io.jcl.dsl.Durations;
import picocli.CommandLine.Option;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jcl request [NAME] ADDRESS JSON}: the cluster bus from the shell, through the primary's admin API. */
@Command(name = "request", description = "Send a JSON request to one consumer of ADDRESS and print its reply: exit 0 with a reply, 1 on failure (no consumer, timeout, the consumer failed or died).")
final class RequestCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ARG", description = "[NAME] ADDRESS JSON: NAME may be left out when one cluster runs")
  List<String> args;

  @Option(names = "--timeout", defaultValue = "30s", paramLabel = "D", description = "how long to wait for the reply (500ms, 5s, 1m)")
  String timeout;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return IpcCall.run(spec, "request", args, Durations.parse(timeout));
  }
}
