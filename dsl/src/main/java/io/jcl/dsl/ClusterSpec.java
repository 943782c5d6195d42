package io.jcl.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import java.util.Map;

/** {@code cluster { }}: what runs where — name, worker count, the public port and how it is shared. */
public final class ClusterSpec extends Spec {

  /** {@code workers auto}: one worker per available core, as Node's {@code os.availableParallelism()}. */
  public enum Auto { AUTO }

  ClusterSpec(ScriptContext ctx) {
    super(ctx, "cluster.");
  }

  public Auto getAuto() {
    return Auto.AUTO;
  }

  public void name(String name) {
    assign("name", name);
  }

  public void workers(int count) {
    assign("workers", count);
  }

  public void workers(Auto auto) {
    assign("workers", "auto");
  }

  public void host(String host) {
    assign("host", host);
  }

  public void port(int port) {
    assign("port", port);
  }

  public void scheduling(String policy) {
    assign("scheduling", policy);
  }

  public void sticky(@DelegatesTo(value = StickySpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    ctx.stickyBlock = Positions.current();
    configure(new StickySpec(ctx), body);
  }

  public void holdTimeout(java.time.Duration d) {
    assign("holdTimeout", d);
  }

  public void holdTimeout(String d) {
    assign("holdTimeout", d);
  }

  public void handoff(String how) {
    assign("handoff", how);
  }

  public void acceptors(int count) {
    assign("acceptors", count);
  }

  public void acceptors(Auto auto) {
    assign("acceptors", "auto");
  }

  public void workerHeader(String name) {
    assign("workerHeader", name);
  }

  public void workerHeader(boolean on) {
    assign("workerHeader", on ? Options.get("cluster.workerHeader").defaultValue() : "");
  }

  public void jvm(@DelegatesTo(value = JvmSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    configure(new JvmSpec(ctx), body);
  }

  public void ipc(@DelegatesTo(value = IpcSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    configure(new IpcSpec(ctx), body);
  }

  public void readyPort(int port) {
    assign("readyPort", port);
  }

  public void readyGrace(java.time.Duration d) {
    assign("readyGrace", d);
  }

  public void readyGrace(String d) {
    assign("readyGrace", d);
  }

  /** Every host's primary, this one included: the hosts form one cluster. */
  public void hosts(String... addresses) {
    assign("hosts", java.util.List.of(addresses));
  }

  public void join(@DelegatesTo(value = JoinSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    configure(new JoinSpec(ctx), body);
  }

  public void env(Map<String, ?> variables) {
    assign("env", variables);
  }
}
