package io.jcl.primary;

/**
 * One full collection after the primary compiled a script, so its heap gives back what the Groovy
 * compiler used. The primary runs Serial with {@code -XX:MaxHeapFreeRatio=30} (./jcl, RunCommand), and
 * Serial shrinks the heap only after a full collection: without one, the ~20 MB of old generation the
 * compile promoted stayed committed for the primary's life (measured: 37 MB of heap committed 15 s after
 * start, 131 MB PSS in all).
 */
final class HeapShrink {

  private HeapShrink() {
  }

  /** From a plain thread: the collection stops the primary for some tens of milliseconds, once per compile. */
  static void afterCompile() {
    Thread t = new Thread(System::gc, "jcl-heap-shrink");
    t.setDaemon(true);
    t.start();
  }
}
