package io.jcl.dsl;

/** {@code ipc { }}: limits of the control links between workers and the primary. */
public final class IpcSpec extends Spec {

  IpcSpec(ScriptContext ctx) {
    super(ctx, "cluster.ipc.");
  }

  public void maxFrame(Size size) {
    assign("maxFrame", size);
  }

  public void maxFrame(String size) {
    assign("maxFrame", size);
  }

  public void maxQueued(Size size) {
    assign("maxQueued", size);
  }

  public void maxQueued(String size) {
    assign("maxQueued", size);
  }
}
