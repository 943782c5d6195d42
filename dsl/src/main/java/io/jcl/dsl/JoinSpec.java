package io.jcl.dsl;

/** {@code join { }}: how this host's primary takes part in the cluster of hosts named by {@code hosts}. */
public final class JoinSpec extends Spec {

  JoinSpec(ScriptContext ctx) {
    super(ctx, "cluster.join.");
  }

  public void address(String address) {
    assign("address", address);
  }

  public void port(int port) {
    assign("port", port);
  }

  public void busPort(int port) {
    assign("busPort", port);
  }

  public void memberTimeout(java.time.Duration d) {
    assign("memberTimeout", d);
  }

  public void memberTimeout(String d) {
    assign("memberTimeout", d);
  }

  public void group(String name) {
    assign("group", name);
  }
}
