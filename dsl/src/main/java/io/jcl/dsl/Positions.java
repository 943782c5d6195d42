package io.jcl.dsl;

/**
 * The script statement being evaluated. {@link PositionMarks} puts a call to {@link #mark} before every
 * statement of a script, so a value checked at run time (a range, an unknown map key, an exception
 * inside a block) can still be reported at the line and column that wrote it.
 */
public final class Positions {

  private static final ThreadLocal<Tracker> CURRENT = new ThreadLocal<>();

  private Positions() {
  }

  /** Called by compiled scripts; a no-op outside an evaluation (e.g. in request handlers). */
  public static void mark(int line, int column) {
    Tracker t = CURRENT.get();
    if (t != null) {
      t.line = line;
      t.column = column;
    }
  }

  static Tracker track(String file) {
    Tracker t = new Tracker(file);
    CURRENT.set(t);
    return t;
  }

  static void stop() {
    CURRENT.remove();
  }

  public static SourcePosition current() {
    Tracker t = CURRENT.get();
    return t == null ? SourcePosition.UNKNOWN : new SourcePosition(t.file, t.line, t.column);
  }

  static final class Tracker {
    final String file;
    int line = 1;
    int column = 1;

    Tracker(String file) {
      this.file = file;
    }
  }
}
