package io.jcl.primary;

/** The prefix of a worker's output lines; it changes when a standby becomes a slot's worker. */
final class OutputPrefix {

  private volatile String text;

  OutputPrefix(String text) {
    this.text = text;
  }

  void set(String text) {
    this.text = text;
  }

  String get() {
    return text;
  }
}
