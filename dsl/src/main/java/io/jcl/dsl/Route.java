package io.jcl.dsl;

import groovy.lang.Closure;

/** One inline HTTP route: {@code get('/path') { ctx -> ... }}; method null matches every method. */
public record Route(String method, String path, Closure<?> handler, SourcePosition position) {
}
