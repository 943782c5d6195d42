package io.jcl.loadgen;

import java.util.Map;
import java.util.Set;

/** Per source address, the workers it reached. Sticky when every address reached exactly one worker. */
public record StickyCheck(Map<String, Set<String>> workersBySource) {

  public boolean passed() {
    return violators() == 0 && workersBySource.values().stream().allMatch(s -> s.size() == 1);
  }

  /** Source addresses that reached more than one worker. */
  public long violators() {
    return workersBySource.values().stream().filter(s -> s.size() > 1).count();
  }
}
