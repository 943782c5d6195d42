package io.jcl.primary;

import io.jcl.dsl.Deployment;

/**
 * One reading of the script: its number (1 at start, +1 per reload that validated), the deployment it
 * resolved to, and the launcher for its workers (its {@code jvm { }} flags). Files in {@code gen-<n>/}.
 */
record Generation(int number, Deployment deployment, WorkerLauncher launcher) {
}
