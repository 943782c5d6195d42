package io.jcl.cli;

import io.jcl.primary.RuntimeDir;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jcl stop [NAME]}: graceful stop; returns when no process and no runtime dir remain. */
@Command(name = "stop", description = "Stop a running cluster gracefully.")
final class StopCommand implements Callable<Integer> {

  /** Longest wait for the primary to drain its workers and exit before it is killed. */
  private static final long STOP_TIMEOUT_MS = 60_000;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
  String name;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RuntimeDir dir = RunningClusters.find(name);
    long pid = dir.livePrimary().orElseThrow();
    Optional<ProcessHandle> primary = ProcessHandle.of(pid);
    try {
      RunningClusters.call(dir, "POST", "/stop");
    } catch (java.io.IOException e) {
      primary.ifPresent(ProcessHandle::destroy); // admin API unreachable: SIGTERM does the same
    }
    if (primary.isPresent()) {
      try {
        primary.get().onExit().get(STOP_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        spec.commandLine().getErr().println("jcl: primary " + pid + " did not stop in time; killing it and its workers");
        primary.get().descendants().forEach(ProcessHandle::destroyForcibly);
        primary.get().destroyForcibly();
      }
    }
    dir.delete(); // normally gone already; a killed primary leaves it behind
    spec.commandLine().getOut().println("jcl: cluster '" + dir.name() + "' stopped");
    return 0;
  }
}
