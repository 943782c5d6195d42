package io.jcl.ipc;

/** The one bus of this JVM (a worker or the primary), for {@link ClusterBus#get}. */
final class CurrentBus {

  static volatile ClusterBus bus;

  private CurrentBus() {
  }
}
