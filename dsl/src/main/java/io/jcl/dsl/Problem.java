package io.jcl.dsl;

/** One thing wrong with a deployment script, reported as {@code file:line:col: message}. */
public record Problem(SourcePosition position, String message) {

  @Override
  public String toString() {
    return position + ": " + message;
  }
}
