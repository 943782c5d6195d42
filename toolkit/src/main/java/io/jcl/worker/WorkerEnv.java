package io.jcl.worker;

import java.nio.file.Path;

/**
 * What the primary tells a worker through its environment (never its command line, where any user
 * could read the token with ps).
 */
record WorkerEnv(int slot, int generation, Path runtimeDir, String token) {

  static WorkerEnv fromEnvironment() {
    return new WorkerEnv(
        Integer.parseInt(required("JCL_SLOT")),
        Integer.parseInt(required("JCL_GENERATION")),
        Path.of(required("JCL_RUNTIME_DIR")),
        required("JCL_TOKEN"));
  }

  /** A pool size jcl's launcher chose (WorkerSizing); {@code fallback} for a worker started otherwise. */
  static int poolSize(String name, int fallback) {
    String v = System.getenv(name);
    try {
      return v == null || v.isBlank() ? fallback : Math.max(1, Integer.parseInt(v.trim()));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String required(String name) {
    String v = System.getenv(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalStateException(name + " is not set: workers are started by `jcl run`, not by hand");
    }
    return v;
  }
}
