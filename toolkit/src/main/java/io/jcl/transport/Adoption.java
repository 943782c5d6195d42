package io.jcl.transport;

import io.netty.bootstrap.ServerBootstrapConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.AttributeKey;
import java.util.Map;

/**
 * What a server's own acceptor does with a connection it accepted (Netty's {@code ServerBootstrapAcceptor}:
 * the server's child handler, child options and attributes, then registration with a child event loop),
 * done for a socket the primary passed, on the event loop that receives it.
 *
 * <p>A server's acceptor runs on Vert.x's acceptor thread and hands every connection to an event loop
 * through its task queue, a wake-up per connection. The fd link already lives on an event loop of the
 * server, so a passed socket is registered right there, in the same turn, and the acceptor thread stays
 * out of the path: per new connection one thread hop fewer than a server that accepts for itself.
 * With several event loops (instances) the server's own rotation still spreads the connections; those
 * that land on the link's loop are registered inline.
 */
final class Adoption {

  /** The server's bootstrap settings, put on the server channel by the transport's configure. */
  static final AttributeKey<ServerBootstrapConfig> BOOTSTRAP = AttributeKey.valueOf("jcl.bootstrap");
  private static final AttributeKey<Adoption> MADE = AttributeKey.valueOf("jcl.adoption");

  private final EventLoopGroup children;
  private final ChannelHandler childHandler;
  private final Map.Entry<ChannelOption<?>, Object>[] options;
  private final Map.Entry<AttributeKey<?>, Object>[] attributes;

  /**
   * The server's adoption, made on first use and kept on the server channel (read once, not per socket).
   * Null when the server was not set up by a bootstrap we saw: adopt through its pipeline instead.
   */
  static Adoption of(Channel server) {
    Adoption made = server.attr(MADE).get();
    if (made == null) {
      ServerBootstrapConfig config = server.attr(BOOTSTRAP).get();
      if (config == null || config.childGroup() == null || config.childHandler() == null) {
        return null;
      }
      made = new Adoption(config);
      server.attr(MADE).set(made);
    }
    return made;
  }

  @SuppressWarnings("unchecked")
  private Adoption(ServerBootstrapConfig config) {
    this.children = config.childGroup();
    this.childHandler = config.childHandler();
    this.options = config.childOptions().entrySet().toArray(Map.Entry[]::new);
    this.attributes = config.childAttrs().entrySet().toArray(Map.Entry[]::new);
  }

  /** An event loop of the server's, where the fd link should live. */
  EventLoop loop() {
    return children.next();
  }

  /**
   * Serves {@code child} on the server's next event loop, as its acceptor would. Called on the link's
   * loop, which is one of them: with one event loop (or on its turn) the registration happens inline.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void register(Channel child) {
    child.pipeline().addLast(childHandler);
    for (Map.Entry<ChannelOption<?>, Object> o : options) {
      child.config().setOption((ChannelOption) o.getKey(), o.getValue());
    }
    for (Map.Entry<AttributeKey<?>, Object> a : attributes) {
      child.attr((AttributeKey) a.getKey()).set(a.getValue());
    }
    children.register(child).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        child.unsafe().closeForcibly();
      }
    });
  }
}
