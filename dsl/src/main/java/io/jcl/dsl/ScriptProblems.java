package io.jcl.dsl;

import java.util.List;

/** Thrown when a script cannot become a deployment; carries every problem found, not just the first. */
public final class ScriptProblems extends RuntimeException {

  private final List<Problem> problems;

  public ScriptProblems(List<Problem> problems) {
    super(problems.isEmpty() ? "no problems" : problems.get(0).toString(), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  /** One problem per line, as {@code jcl check} prints them. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Problem p : problems) {
      sb.append(p).append('\n');
    }
    return sb.toString();
  }
}
