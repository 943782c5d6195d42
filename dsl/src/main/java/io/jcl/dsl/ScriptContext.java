package io.jcl.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one evaluation of a script collects: its settings, its blocks and the problems found on the way. */
final class ScriptContext {

  final String file;
  final Path scriptDir;
  final Map<String, Setting> settings = new LinkedHashMap<>();
  final List<Problem> problems = new ArrayList<>();
  final Map<String, SourcePosition> blocksSeen = new LinkedHashMap<>();
  SourcePosition stickyBlock;
  WorkerSpec worker;
  PrimarySpec primary;
  final List<VerifyRequest> verifyRequests = new ArrayList<>();
  final List<VerifyEvent> verifyEvents = new ArrayList<>();

  ScriptContext(String file, Path scriptDir) {
    this.file = file;
    this.scriptDir = scriptDir;
  }

  void problem(SourcePosition at, String message) {
    problems.add(new Problem(at, message));
  }

  /** Each top-level block once: a second {@code cluster { }} is almost always a merge mistake. */
  boolean firstBlock(String name) {
    SourcePosition here = Positions.current();
    SourcePosition earlier = blocksSeen.putIfAbsent(name, here);
    if (earlier != null) {
      problem(here, name + " { } appears twice (first at line " + earlier.line() + "); merge them");
      return false;
    }
    return true;
  }
}
