package io.jcl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jcl init --list} / {@code jcl init TEMPLATE [DEST]}: start from one of the shipped scripts. */
@Command(name = "init", description = "Write a deployment script from a template.")
final class InitCommand implements Callable<Integer> {

  /** The templates packaged from scripts/, with the files each one needs next to it. */
  static final List<String> TEMPLATES = List.of("hello", "sticky", "api-verticle");
  private static final List<String> EXTRA_FILES = List.of("verticles/Greeter.groovy");

  @Option(names = "--list", description = "list the templates")
  boolean list;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TEMPLATE")
  String template;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DEST", description = "file to write (default: TEMPLATE.groovy)")
  Path dest;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (list || template == null) {
      TEMPLATES.forEach(out::println);
      return template == null && !list ? 2 : 0;
    }
    String name = template.endsWith(".groovy") ? template.substring(0, template.length() - 7) : template;
    if (!TEMPLATES.contains(name)) {
      spec.commandLine().getErr().println("jcl: no template '" + template + "'; `jcl init --list` shows them");
      return 1;
    }
    Path target = dest != null ? dest : Path.of(name + ".groovy");
    if (Files.exists(target)) {
      spec.commandLine().getErr().println("jcl: " + target + " exists; not overwriting it");
      return 1;
    }
    copy(name + ".groovy", target);
    if (name.equals("api-verticle")) {
      for (String extra : EXTRA_FILES) {
        Path p = target.toAbsolutePath().getParent().resolve(extra);
        if (!Files.exists(p)) {
          copy(extra, p);
        }
      }
    }
    out.println("wrote " + target + "; run it with: jcl run " + target);
    return 0;
  }

  private static void copy(String resource, Path target) throws IOException {
    try (InputStream in = InitCommand.class.getResourceAsStream("/templates/" + resource)) {
      if (in == null) {
        throw new IOException("template " + resource + " missing from the jar");
      }
      if (target.toAbsolutePath().getParent() != null) {
        Files.createDirectories(target.toAbsolutePath().getParent());
      }
      Files.copy(in, target);
    }
  }
}
