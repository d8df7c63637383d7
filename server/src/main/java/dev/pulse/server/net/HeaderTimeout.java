package dev.pulse.server.net;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP connection that does not complete a request's headers in time: from when it
 * opens, and from the end of each response until the next request (so an idle keep-alive
 * connection is closed after as long). A client that connects and stays silent, or sends its
 * headers a byte at a time, holds a descriptor for {@code HTTP_HEADER_TIMEOUT_MS} at most. While a
 * request is being answered (a long-poll waits up to the ping interval) no deadline runs; a
 * WebSocket upgrade ends the watch (its pings take over). Install with {@link #watch} as the HTTP
 * server's connection handler. Runs on each connection's event loop.
 */
public final class HeaderTimeout {
  private final long millis;

  public HeaderTimeout(long millis) {
    this.millis = millis;
  }

  /** Starts watching a new connection (HTTP/1.x; others are left alone). */
  public void watch(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      return;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    var vertx = pipeline.context(VertxHandler.class);
    if (vertx != null && pipeline.get(Deadline.class) == null) {
      pipeline.addBefore(vertx.name(), "pulse-header-timeout", new Deadline(millis));
    }
  }

  /** One connection's deadline: armed while no request is being read or answered. */
  static final class Deadline extends ChannelDuplexHandler {
    private final long millis;
    private ScheduledFuture<?> timer;
    private int answering;

    Deadline(long millis) {
      this.millis = millis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      arm(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      cancel();
      super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof HttpRequest request) {
        answering++;
        cancel();
        if ("websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
          ctx.pipeline().remove(this);
        }
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
      if (msg instanceof LastHttpContent && answering > 0 && --answering == 0) {
        arm(ctx);
      }
      super.write(ctx, msg, promise);
    }

    private void arm(ChannelHandlerContext ctx) {
      cancel();
      timer = ctx.executor().schedule(() -> {
        timer = null;
        if (answering == 0) {
          ctx.close();
        }
      }, millis, TimeUnit.MILLISECONDS);
    }

    private void cancel() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
  }
}
