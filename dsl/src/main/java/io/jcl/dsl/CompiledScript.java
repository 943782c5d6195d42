package io.jcl.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A script compiled once (by the primary or {@code jcl check}); workers load these classes instead of
 * compiling again, which keeps Groovy's compiler out of their start-up.
 */
public record CompiledScript(String sourceName, Path scriptDir, String mainClass, Map<String, byte[]> classes) {

  /**
   * Defines the classes in a plain class loader: workers need no GroovyClassLoader (whose set-up
   * pulls in the compiler), only the Groovy runtime.
   */
  public Class<? extends ClusterScript> load(ClassLoader parent) {
    ClassLoader loader = new ClassLoader("jcl-script", parent) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
    try {
      Class<?> main = Class.forName(mainClass, true, loader);
      if (!ClusterScript.class.isAssignableFrom(main)) {
        throw new ScriptProblems(java.util.List.of(new Problem(new SourcePosition(sourceName, 1, 1),
            "not a deployment script: it declares class " + main.getSimpleName()
                + " (a verticle file? deploy it with worker { verticle file('...') })")));
      }
      return main.asSubclass(ClusterScript.class);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("compiled script lacks its main class " + mainClass, e);
    }
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
