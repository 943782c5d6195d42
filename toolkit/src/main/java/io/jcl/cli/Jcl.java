package io.jcl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jcl}: Node's cluster module and PM2 for the JVM. */
@Command(name = "jcl", mixinStandardHelpOptions = true, version = "jcl 0.1.0",
    description = "Run a Groovy deployment script as a primary JVM and N worker JVMs sharing one port.",
    subcommands = {RunCommand.class, CheckCommand.class, PlanCommand.class, InitCommand.class,
        StatusCommand.class, EventsCommand.class, DashboardCommand.class, ReloadCommand.class, ScaleCommand.class, StopCommand.class, SendCommand.class, PublishCommand.class, RequestCommand.class, LoadtestCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class Jcl {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Jcl());
    // A user gets one line, never a stack trace; JCL_DEBUG=1 shows the trace for bug reports.
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("jcl: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      if (System.getenv("JCL_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return 1;
    });
    return cl;
  }
}
