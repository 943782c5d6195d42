package io.jcl.dsl;

import groovy.lang.GroovyClassLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A script compiled once (by the primary or {@code jcl check}); workers load these classes instead of
 * compiling again, which keeps Groovy's compiler out of their start-up.
 */
public record CompiledScript(String sourceName, Path scriptDir, String mainClass, Map<String, byte[]> classes) {

  public Class<? extends ClusterScript> load(ClassLoader parent) {
    GroovyClassLoader loader = new GroovyClassLoader(parent);
    Class<?> main = null;
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      Class<?> c = loader.defineClass(e.getKey(), e.getValue());
      if (e.getKey().equals(mainClass)) {
        main = c;
      }
    }
    return main.asSubclass(ClusterScript.class);
  }

  /** Writes the classes as a class-path directory. */
  public void writeTo(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
  }
}
