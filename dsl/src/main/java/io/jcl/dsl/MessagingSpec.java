package io.jcl.dsl;

import groovy.lang.Closure;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the worker and primary blocks share: IPC consumers and the calls to reach them. */
public abstract class MessagingSpec extends Spec {

  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final List<Consumer> consumers = new ArrayList<>();
  private volatile Ipc ipc = Ipc.UNBOUND;

  MessagingSpec(ScriptContext ctx, String prefix) {
    super(ctx, prefix);
  }

  public void consumer(String address,
                       @ClosureParams(value = SimpleType.class, options = "io.vertx.core.eventbus.Message")
                       Closure<?> handler) {
    consumers.add(new Consumer(address, handler, Positions.current()));
  }

  public void send(String address, Object body) {
    ipc.send(address, body);
  }

  public void publish(String address, Object body) {
    ipc.publish(address, body);
  }

  public Future<Message<Object>> request(String address, Object body) {
    return ipc.request(address, body, DEFAULT_REQUEST_TIMEOUT);
  }

  public Future<Message<Object>> request(String address, Object body, Duration timeout) {
    return ipc.request(address, body, timeout);
  }

  List<Consumer> consumers() {
    return List.copyOf(consumers);
  }

  /** Connects the script's calls to the running cluster. */
  void bind(Ipc ipc) {
    this.ipc = ipc;
  }

  Ipc ipc() {
    return ipc;
  }
}
