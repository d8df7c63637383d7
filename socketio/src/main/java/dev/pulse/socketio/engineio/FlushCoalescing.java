package dev.pulse.socketio.engineio;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Lets the frames written to one connection during one event-loop turn leave in one system
 * call. Vert.x flushes every WebSocket frame written outside that connection's own read, so a
 * broadcast (one {@code user_online} to every socket, a burst of them when many users arrive
 * together) would cost one write syscall per frame and recipient; Netty's consolidation handler
 * defers those flushes to the end of the turn.
 */
final class FlushCoalescing {
  /** A flush still goes out after this many deferred ones, so a long turn cannot hoard output. */
  static final int MAX_DEFERRED_FLUSHES = 64;

  private FlushCoalescing() {}

  /** Installs the handler on the connection's channel once (a no-op for other connection types). */
  static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channel().pipeline();
      if (pipeline.get(FlushConsolidationHandler.class) == null) {
        pipeline.addFirst(new FlushConsolidationHandler(MAX_DEFERRED_FLUSHES, true));
      }
    }
  }
}
