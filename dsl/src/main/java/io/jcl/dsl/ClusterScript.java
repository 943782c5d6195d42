package io.jcl.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;

/**
 * Base class of every deployment script. The primary and each worker evaluate the same script, as a
 * Node cluster program runs in both roles; the blocks only record what they declare.
 */
public abstract class ClusterScript extends Script {

  ScriptContext ctx;

  public void cluster(@DelegatesTo(value = ClusterSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    if (ctx.firstBlock("cluster")) {
      Spec.configure(new ClusterSpec(ctx), body);
    }
  }

  public void health(@DelegatesTo(value = HealthSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    if (ctx.firstBlock("health")) {
      Spec.configure(new HealthSpec(ctx), body);
    }
  }

  public void restart(@DelegatesTo(value = RestartSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    if (ctx.firstBlock("restart")) {
      Spec.configure(new RestartSpec(ctx), body);
    }
  }

  public void worker(@DelegatesTo(value = WorkerSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    if (ctx.firstBlock("worker")) {
      ctx.worker = new WorkerSpec(ctx);
      Spec.configure(ctx.worker, body);
    }
  }

  public void verify(@DelegatesTo(value = VerifySpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    if (ctx.firstBlock("verify")) {
      Spec.configure(new VerifySpec(ctx), body);
    }
  }

  public void primary(@DelegatesTo(value = PrimarySpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
    if (ctx.firstBlock("primary")) {
      ctx.primary = new PrimarySpec(ctx);
      Spec.configure(ctx.primary, body);
    }
  }
}
