package io.jcl.worker;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.jcl.primary.WorkerSizing;
import java.lang.management.ManagementFactory;

/**
 * The heap free ratios a worker serves with, set once it is warm. jcl sizes a serving worker's heap
 * tight (WorkerSizing: grow to keep 10% free, give back above 30%, against Serial's 40 / 70), but a JVM
 * that starts that way collects more while it boots and warms: one more full collection, and a young
 * generation sized from a smaller heap. Both ratios are manageable flags, so the worker starts with the
 * JVM's and sets these after its warm-up, with one full collection so the heap is resized to them at
 * once (Serial resizes only after a full collection), before it reports LISTENING.
 */
final class HeapFreeRatios {

  private HeapFreeRatios() {
  }

  /** From {@code JCL_HEAP_FREE_RATIOS} ("10/30"); nothing when unset. Blocks for the collection: not on an event loop. */
  static void tighten() {
    String spec = System.getenv(WorkerSizing.HEAP_FREE_RATIOS_ENV);
    if (spec == null || !spec.matches("\\d{1,2}/\\d{1,3}")) {
      return;
    }
    String[] minMax = spec.split("/");
    HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    try {
      // Min first: the JVM checks min <= max at each set, and both go down from the JVM's 40 / 70.
      hotspot.setVMOption("MinHeapFreeRatio", minMax[0]);
      hotspot.setVMOption("MaxHeapFreeRatio", minMax[1]);
    } catch (IllegalArgumentException e) {
      System.err.println("jcl: heap free ratios " + spec + " not set: " + e.getMessage());
      return;
    }
    System.gc();
  }
}
