package io.jcl.dsl;

import groovy.lang.Closure;

/** A block of the script ({@code cluster { }}, {@code health { }}, ...): it writes options under its prefix. */
public abstract class Spec {

  final ScriptContext ctx;
  private final String prefix;

  Spec(ScriptContext ctx, String prefix) {
    this.ctx = ctx;
    this.prefix = prefix;
  }

  /**
   * Checks the value against its option now, so the problem points at the line that wrote it. Not
   * {@code set(String, Object)}: Groovy takes that for a catch-all property setter, which would make
   * {@code prot = 8080} compile and then fail at run time with an internal message.
   */
  void assign(String name, Object raw) {
    String key = prefix + name;
    Option option = Options.get(key);
    SourcePosition at = Positions.current();
    try {
      ctx.settings.put(key, new Setting(option.check(raw), at));
    } catch (IllegalArgumentException e) {
      ctx.problem(at, key + ": " + e.getMessage());
    }
  }

  static void configure(Object delegate, Closure<?> body) {
    // The closure itself, not a copy: closures declared inside it (route handlers) keep it as owner
    // and reach this delegate through it when they run later.
    body.setDelegate(delegate);
    body.setResolveStrategy(Closure.DELEGATE_FIRST);
    body.call();
  }
}
