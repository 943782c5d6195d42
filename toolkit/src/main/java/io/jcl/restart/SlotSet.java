package io.jcl.restart;

/**
 * What a scale asks of the supervisor on top of {@link SlotControl}: slots are added and removed at the
 * top only, so the slot ids stay 0..N-1. Every call is made on the supervisor's context.
 */
public interface SlotSet extends SlotControl {

  /** Slots that count: not being removed. */
  int size();

  /** A new empty slot with index {@link #size()}; it gets connections only once a promoted worker is LISTENING. */
  int addSlot();

  /** The slot gets no more connections and is on its way out; returns its worker's pid, or -1 when none is alive. */
  long retire(int slot);

  /** Drops the retired slots at the top whose workers have all exited. */
  void dropRetired();
}
