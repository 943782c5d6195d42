package io.jcl.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jcl send [NAME] ADDRESS JSON}: the cluster bus from the shell, through the primary's admin API. */
@Command(name = "send", description = "Send a JSON message to one consumer of ADDRESS (round-robin over the workers and the primary that consume it).")
final class SendCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ARG", description = "[NAME] ADDRESS JSON: NAME may be left out when one cluster runs")
  List<String> args;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return IpcCall.run(spec, "send", args, null);
  }
}
