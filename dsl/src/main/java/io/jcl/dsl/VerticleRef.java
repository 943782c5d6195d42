package io.jcl.dsl;

import java.nio.file.Path;
import java.util.Map;

/**
 * A verticle a worker deploys: a Java/Groovy class by name (from the worker classpath) or a Groovy
 * source file (compiled in the worker).
 */
public record VerticleRef(String className, Path file, int instances, Map<String, Object> config,
                          SourcePosition position) {

  public String describe() {
    return className != null ? className : file.toString();
  }
}
