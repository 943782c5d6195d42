package io.jcl.ipc;

import io.jcl.dsl.PrimarySpec;

/**
 * The addresses jcl keeps for itself, under {@code jcl.}: a worker may not register or send there,
 * except to reach the primary's consumers ({@code toPrimary}), one slot's ({@code toWorker}) and to
 * observe cluster events ({@code jcl.worker.exit}, ...).
 */
public final class Addresses {

  static final String RESERVED = "jcl.";
  static final String TO_PRIMARY = "jcl.primary.";
  static final String TO_SLOT = "jcl.slot.";
  /** A request's reply, named by the side that waits for it. */
  static final String REPLY = "jcl.reply.";
  /** The requester's timeout in ms, so the consumer's side stops waiting for its handler too. */
  public static final String TIMEOUT_HEADER = "jcl.timeout";

  private Addresses() {
  }

  /** Where {@code toPrimary(address)} goes: only the primary registers it. */
  public static String toPrimary(String address) {
    return TO_PRIMARY + address;
  }

  /** Where {@code toWorker(slot, address)} goes: only that slot's worker registers it. */
  public static String toSlot(int slot, String address) {
    return TO_SLOT + slot + "." + address;
  }

  /**
   * {@code toPrimary} and {@code toWorker} stay on their host: with several hosts every primary has a
   * slot 0, and a worker's primary is its own.
   */
  static boolean hostLocal(String address) {
    return address.startsWith(TO_PRIMARY) || address.startsWith(TO_SLOT);
  }

  /** A cluster event as a message on the primary's bus: {@code jcl.worker.exit}. */
  public static String event(String event) {
    return RESERVED + event;
  }

  /** Why a worker may not register {@code address}, or null. */
  static String refusedRegister(String address) {
    if (!address.startsWith(RESERVED) || address.startsWith(TO_SLOT)
        || PrimarySpec.EVENTS.stream().anyMatch(e -> address.equals(event(e)))) {
      return null;
    }
    return "address '" + address + "' is reserved for jcl";
  }

  /** Why a worker may not send or publish to {@code address}, or null. */
  static String refusedSend(String address) {
    if (!address.startsWith(RESERVED) || address.startsWith(TO_PRIMARY) || address.startsWith(TO_SLOT)) {
      return null;
    }
    return "address '" + address + "' is reserved for jcl";
  }
}
