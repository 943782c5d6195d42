package io.jcl.dsl;

/** A canonical option value and where it was written. */
public record Setting(Object value, SourcePosition position) {
}
