package io.jcl.dsl;

import groovy.lang.Closure;

/** {@code consumer('address') { msg -> ... }}: an IPC handler declared in a worker or primary block. */
public record Consumer(String address, Closure<?> handler, SourcePosition position) {
}
