package io.jcl.dsl;

/** {@code sticky { by 'ip' }}: the key that pins a client to a slot. */
public final class StickySpec extends Spec {

  StickySpec(ScriptContext ctx) {
    super(ctx, "cluster.sticky.");
  }

  public void by(String key) {
    assign("by", key);
  }
}
