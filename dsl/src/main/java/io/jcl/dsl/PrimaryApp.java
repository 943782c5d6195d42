package io.jcl.dsl;

import java.util.List;

/** What the primary block declared: event handlers, periodic tasks and IPC consumers. */
public final class PrimaryApp {

  static final PrimaryApp NONE = new PrimaryApp(null);

  private final PrimarySpec spec;

  PrimaryApp(PrimarySpec spec) {
    this.spec = spec;
  }

  public List<PrimarySpec.EventHandler> handlers() {
    return spec == null ? List.of() : spec.handlers();
  }

  public List<PrimarySpec.PeriodicTask> tasks() {
    return spec == null ? List.of() : spec.tasks();
  }

  public List<Consumer> consumers() {
    return spec == null ? List.of() : spec.consumers();
  }

  public void bind(Ipc ipc) {
    if (spec != null) {
      spec.bind(ipc);
    }
  }
}
