package io.jcl.dsl;

/**
 * Where a value came from, printed the way compilers do ({@code file:line:col}) so editors and CI
 * annotations can jump to it. Values that come from outside the script (environment, {@code --set})
 * carry a description instead of a line.
 */
public record SourcePosition(String file, int line, int column) {

  public static final SourcePosition UNKNOWN = new SourcePosition("<unknown>", 0, 0);

  /** A value that came from somewhere other than a script line, e.g. {@code env JCL_CLUSTER_WORKERS}. */
  public static SourcePosition external(String description) {
    return new SourcePosition(description, 0, 0);
  }

  public boolean hasLine() {
    return line > 0;
  }

  @Override
  public String toString() {
    return hasLine() ? file + ":" + line + ":" + column : file;
  }
}
