package io.jcl.primary;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A worker's lifecycle as {@code jcl status} shows it, and the only moves it may make:
 *
 * <pre>
 *   from        may move to                  on
 *   STARTING    ONLINE, EXITED               hello with its token / the process died
 *   ONLINE      LISTENING, DRAINING, EXITED  server bound / told to stop before it served / died
 *   LISTENING   DRAINING, EXITED             told to drain, or SIGTERM from outside / died
 *   DRAINING    EXITED                       in-flight work done (or killed after drainTimeout)
 *   EXITED      -                            a slot gets a new Worker, never the old one back
 *   ERRORED     -                            a slot's state, not a worker's: it crash-looped
 * </pre>
 *
 * Only LISTENING workers that are their slot's current worker get connections.
 */
public enum WorkerState {
  STARTING, ONLINE, LISTENING, DRAINING, EXITED, ERRORED;

  private static final Map<WorkerState, Set<WorkerState>> NEXT = Map.of(
      STARTING, EnumSet.of(ONLINE, EXITED),
      ONLINE, EnumSet.of(LISTENING, DRAINING, EXITED),
      LISTENING, EnumSet.of(DRAINING, EXITED),
      DRAINING, EnumSet.of(EXITED),
      EXITED, EnumSet.noneOf(WorkerState.class),
      ERRORED, EnumSet.noneOf(WorkerState.class));

  public boolean canMoveTo(WorkerState next) {
    return NEXT.get(this).contains(next);
  }

  /** Still a process the primary must account for (it may hold connections). */
  public boolean alive() {
    return this != EXITED && this != ERRORED;
  }
}
