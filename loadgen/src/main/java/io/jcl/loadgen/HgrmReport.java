package io.jcl.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The corrected latency as an HdrHistogram percentile distribution (.hgrm), values in ms, readable by
 * HdrHistogram's plotter and by wrk2-era tooling.
 */
public final class HgrmReport {
  private static final int TICKS_PER_HALF_DISTANCE = 5;
  private static final double NANOS_PER_MS = 1e6;

  private HgrmReport() {
  }

  public static String format(Report r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      r.latencyHistogram().outputPercentileDistribution(out, TICKS_PER_HALF_DISTANCE, NANOS_PER_MS);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  public static void write(Report r, Path file) throws IOException {
    Files.writeString(file, format(r), StandardCharsets.UTF_8);
  }
}
