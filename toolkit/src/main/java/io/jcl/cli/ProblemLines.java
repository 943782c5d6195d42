package io.jcl.cli;

import io.jcl.dsl.Problem;
import io.jcl.dsl.ScriptProblems;
import java.io.PrintWriter;

/** How every command reports script problems: one {@code file:line:col: message} line each, no stack trace. */
final class ProblemLines {

  private ProblemLines() {
  }

  static void print(ScriptProblems p, PrintWriter err) {
    for (Problem problem : p.problems()) {
      err.println(problem);
    }
    err.flush();
  }
}
