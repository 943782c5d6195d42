package io.jcl.primary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcl.dsl.Deployment;
import io.jcl.dsl.Options;
import io.jcl.dsl.Plan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What jcl derives for a worker JVM, and that the script's own settings replace it. */
class WorkerSizingTest {

  private static final long GB = 1L << 30;
  private static final Runtime.Version JDK17_15 = Runtime.Version.parse("17.0.15");

  private static Deployment deployment(Map<String, Object> set) {
    Map<String, Object> values = new HashMap<>();
    Options.all().forEach(o -> values.put(o.key(), o.defaultValue()));
    values.put("cluster.name", "t");
    values.put("cluster.workers", 4);
    values.putAll(set);
    return Deployment.of(Plan.ofValues(values), null);
  }

  private static List<String> flags(Map<String, Object> set, Runtime.Version v) {
    Deployment d = deployment(set);
    return WorkerSizing.of(d, 16 * GB, v).commandLine(d);
  }

  @Test
  void defaultsSizeForTheCluster() {
    // half of 16 GB over 4 workers and the standby
    assertEquals(List.of("-Xmx1638m", "-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:+UseSerialGC",
        "-XX:TrimNativeHeapInterval=1000", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"), flags(Map.of(), JDK17_15));
    Deployment d = deployment(Map.of("worker.instances", 3));
    WorkerSizing s = WorkerSizing.of(d, 16 * GB, JDK17_15);
    assertEquals(3, s.eventLoops());
    assertEquals("3", s.env().get(WorkerSizing.EVENT_LOOPS_ENV).value());
    assertEquals("2", s.env().get("MALLOC_ARENA_MAX").value());
  }

  @Test
  void scriptHeapIsTheOnlyHeapFlag() {
    assertEquals(List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=1000", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"),
        flags(Map.of("cluster.jvm.heap", "1g"), JDK17_15));
  }

  @Test
  void scriptCollectorAndFlagsReplaceJcls() {
    assertEquals(List.of("-Xmx1638m", "-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TrimNativeHeapInterval=1000", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-XX:+UseG1GC"),
        flags(Map.of("cluster.jvm.options", List.of("-XX:+UseG1GC")), JDK17_15));
    assertEquals(List.of("-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-XX:TrimNativeHeapInterval=0",
        "-XX:MaxRAMPercentage=10"), flags(Map.of("cluster.jvm.options",
        List.of("-XX:TrimNativeHeapInterval=0", "-XX:MaxRAMPercentage=10")), JDK17_15));
    // the unlock stays, before the script's own ArchiveRelocationMode (a JVM refuses it after)
    List<String> own = List.of("-XX:MaxHeapFreeRatio=50", "-XX:ArchiveRelocationMode=1");
    assertEquals(List.of("-Xmx1638m", "-Xms16m", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=1000",
        "-XX:+UnlockDiagnosticVMOptions", "-XX:MaxHeapFreeRatio=50", "-XX:ArchiveRelocationMode=1"),
        flags(Map.of("cluster.jvm.options", own), JDK17_15));
    Deployment d = deployment(Map.of("cluster.env", Map.of("MALLOC_ARENA_MAX", "4")));
    assertFalse(WorkerSizing.of(d, 16 * GB, JDK17_15).env().containsKey("MALLOC_ARENA_MAX"));
  }

  @Test
  void trimOnlyWhereTheJvmHasIt() {
    assertFalse(flags(Map.of(), Runtime.Version.parse("17.0.8")).contains("-XX:TrimNativeHeapInterval=1000"));
    assertFalse(flags(Map.of(), null).contains("-XX:TrimNativeHeapInterval=1000"), "another java: unknown");
    assertTrue(WorkerSizing.supportsTrim(Runtime.Version.parse("21.0.2")));
    assertFalse(WorkerSizing.supportsTrim(Runtime.Version.parse("21")));
    assertTrue(WorkerSizing.supportsTrim(Runtime.Version.parse("25")));
  }

  @Test
  void archiveAtItsOwnAddressOnlyWhereTheJvmHasTheFlag() {
    assertTrue(flags(Map.of(), Runtime.Version.parse("17.0.8")).contains("-XX:ArchiveRelocationMode=0"));
    assertFalse(flags(Map.of(), null).contains("-XX:ArchiveRelocationMode=0"), "another java: unknown");
    assertFalse(flags(Map.of(), null).contains("-XX:+UnlockDiagnosticVMOptions"));
    assertTrue(WorkerSizing.supportsArchiveRelocationMode(Runtime.Version.parse("21.0.2")));
    assertFalse(WorkerSizing.supportsArchiveRelocationMode(Runtime.Version.parse("26")), "not checked yet");
  }

  @Test
  void smallHostsStillGetAUsableHeap() {
    Deployment d = deployment(Map.of("cluster.workers", 64));
    assertEquals("-Xmx64m", WorkerSizing.of(d, 2 * GB, JDK17_15).flags().get(0).value());
  }
}
