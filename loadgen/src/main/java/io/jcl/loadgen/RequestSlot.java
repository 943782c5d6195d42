package io.jcl.loadgen;

/**
 * One request's bookkeeping, reused from a free list. A slot leaves the in-flight list when its
 * outcome is recorded (a timeout, say) but returns to the free list only once its connection is done
 * with it, so a late event never meets the next request that uses the slot.
 */
final class RequestSlot {
  static final int FREE = 0;
  static final int QUEUED = 1;    // waiting for a connection of its source address
  static final int ACQUIRING = 2; // a connection is being opened for it
  static final int SENT = 3;      // written, waiting for the complete response

  int state = FREE;
  boolean recorded;
  ShardTally tally; // of the phase it was planned in: warmup or measured
  int client;
  int kind; // which of the run's requests (EncodedRequest.encodeAll) it sends
  long planned;
  long handedOff; // by the pacer to its pool: planned + the generator's own lag
  long sent;
  int status;
  String worker;
  RawHttpConnection connection;

  // Intrusive links: the in-flight list (planned order) and the free list.
  RequestSlot prev;
  RequestSlot next;
}
