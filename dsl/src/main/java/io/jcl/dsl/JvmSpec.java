package io.jcl.dsl;

import java.util.List;

/** {@code jvm { }}: how worker JVMs are launched. */
public final class JvmSpec extends Spec {

  JvmSpec(ScriptContext ctx) {
    super(ctx, "cluster.jvm.");
  }

  public void heap(Size size) {
    assign("heap", size);
  }

  public void heap(String size) {
    assign("heap", size);
  }

  public void options(String... flags) {
    assign("options", List.of(flags));
  }

  public void appCds(boolean on) {
    assign("appCds", on);
  }

  public void standby(boolean on) {
    assign("standby", on);
  }

  public void java(String executable) {
    assign("java", executable);
  }
}
