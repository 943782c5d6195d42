package io.jcl.primary;

import io.vertx.core.net.NetSocket;

/**
 * The spare worker JVM: booted, script evaluated, control link up, not serving. A slot that needs a
 * worker of the same generation takes it and gets LISTENING in milliseconds instead of a JVM start; a
 * new spare boots behind it. (Unicorn's and Apache prefork's answer to slow starts, for the JVM.) It has
 * evaluated its generation's script, so a reload discards it: old code never serves after a reload.
 */
final class Standby {

  final Process process;
  final String token;
  final OutputPrefix prefix;
  final OutputTail tail;
  final int generation;
  NetSocket link;
  io.netty.channel.Channel fdLink;
  boolean ready;

  Standby(Process process, String token, OutputPrefix prefix, OutputTail tail, int generation) {
    this.process = process;
    this.token = token;
    this.prefix = prefix;
    this.tail = tail;
    this.generation = generation;
  }
}
