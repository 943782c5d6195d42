package io.jcl.dsl;

import groovy.lang.Closure;
import io.vertx.core.Vertx;
import java.util.List;

/** What the worker block declared: the application each worker JVM runs. */
public final class WorkerApp {

  private final WorkerSpec spec;

  WorkerApp(WorkerSpec spec) {
    this.spec = spec;
  }

  public List<Route> routes() {
    return spec.httpBlocks().stream().flatMap(h -> h.routes().stream()).toList();
  }

  public List<Closure<?>> routerSetups() {
    return spec.httpBlocks().stream().flatMap(h -> h.routerSetups().stream()).toList();
  }

  /** True when the script declared an {@code http { }} block (even one with only a router setup). */
  public boolean hasHttp() {
    return !spec.httpBlocks().isEmpty();
  }

  public List<VerticleRef> verticles() {
    return spec.verticles();
  }

  public List<Consumer> consumers() {
    return spec.consumers();
  }

  /** Connects {@code send}, {@code slot}, {@code vertx} of the script to the running worker. */
  public void attach(Vertx vertx, int slot, int generation, Ipc ipc) {
    spec.attach(vertx, slot, generation, ipc);
  }
}
