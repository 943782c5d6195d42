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

  /** Reads back what {@link #writeTo} wrote: a worker loads the primary's compilation, never compiles. */
  public static CompiledScript readFrom(Path dir, String sourceName, Path scriptDir, String mainClass) throws IOException {
    Map<String, byte[]> classes = new java.util.LinkedHashMap<>();
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String rel = dir.relativize(f).toString();
        classes.put(rel.substring(0, rel.length() - ".class".length()).replace(java.io.File.separatorChar, '.'),
            Files.readAllBytes(f));
      }
    }
    return new CompiledScript(sourceName, scriptDir, mainClass, classes);
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
