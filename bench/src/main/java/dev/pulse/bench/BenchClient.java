package dev.pulse.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * One simulated user's socket: a Netty WebSocket channel speaking Engine.IO v4 / Socket.IO v5. It
 * does the handshake and the heartbeat itself and hands every event and ack to its
 * {@link Listener} as a {@link Frame} read in place. Lives on the load generator's one event loop,
 * so nothing here is synchronized.
 */
final class BenchClient {
  static final String PATH = "/socket.io/?EIO=4&transport=websocket";
  static final long HANDSHAKE_TIMEOUT_MILLIS = 30_000;
  static final int MAX_FRAME_BYTES = 1 << 20;
  private static final byte[] ONLINE_COUNT_UPDATE = Frame.ascii("\"online_count_update\"");
  private static final byte[] COUNT = Frame.ascii("\"count\":");

  /** What a scenario does with the frames a client receives. */
  interface Listener {
    /** A server event; {@code frame.ackId()} is set when the server asks for an ack. */
    void onEvent(BenchClient client, Frame frame);

    /** The server's reply to one of this client's events. */
    default void onAck(BenchClient client, Frame frame) {}

    /** The Socket.IO CONNECT was accepted (before the connect future completes). */
    default void onConnected(BenchClient client) {}

    /** The client will send {@code presence_watch} once connected, and says so in its CONNECT. */
    default boolean watchesOnConnect() {
      return false;
    }

    /** The connection closed without this client closing it. */
    default void onLost(BenchClient client) {}
  }

  /** Does nothing with events; for scenarios that only hold sockets open. */
  static final Listener IGNORE = (client, frame) -> {};

  final int index;
  final String username;
  private final String token;
  private final Listener listener;

  private Channel channel;
  private WebSocketClientHandshaker handshaker;
  private Promise<BenchClient> handshake;
  private boolean connected;
  private boolean closing;
  private boolean flushPending;
  private int nextAckId;
  private String closeReason;

  // nanoTime stamps of the connection's life, 0 until reached
  long attemptAt;
  long openAt;
  long connectedAt;
  /** Highest {@code online_count_update} count seen, and when it first reached the goal. */
  long maxOnlineCount;
  long onlineGoal = Long.MAX_VALUE;
  long onlineGoalAt;
  long framesIn;

  BenchClient(int index, String username, String token, Listener listener) {
    this.index = index;
    this.username = username;
    this.token = token;
    this.listener = listener;
  }

  /**
   * Opens the socket and completes once the server accepted the Socket.IO CONNECT. Call on the
   * loop; {@code frame} is the loop's shared read buffer.
   */
  Future<BenchClient> connect(BenchLoop loop, Bootstrap bootstrap, URI server, Frame frame) {
    handshake = Promise.promise();
    attemptAt = System.nanoTime();
    URI uri = server.resolve(PATH);
    // no Origin header: a non-browser client, so the server skips its same-origin check
    handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, false,
        EmptyHttpHeaders.INSTANCE, MAX_FRAME_BYTES, true, false, 10_000, false, false);
    var timeout = loop.eventLoop().schedule(
        () -> fail("no Socket.IO CONNECT reply within " + HANDSHAKE_TIMEOUT_MILLIS + " ms"),
        HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    handshake.future().onComplete(ar -> timeout.cancel(false));
    Handler handler = new Handler(frame);
    bootstrap.clone().handler(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(16 * 1024), handler);
      }
    }).connect(uri.getHost(), uri.getPort()).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        fail("connect: " + f.cause().getMessage());
      } else if (handshake.future().isComplete()) {
        f.channel().close(); // timed out meanwhile
      }
    });
    return handshake.future();
  }

  boolean connected() {
    return connected;
  }

  Listener listener() {
    return listener;
  }

  /** Why the connection ended, as far as this client can tell (null while open). */
  String closeReason() {
    return closeReason;
  }

  /** True while the TCP connection exists (also during the handshake and while closing). */
  boolean open() {
    return channel != null && channel.isOpen();
  }

  int nextAckId() {
    return nextAckId++;
  }

  /** Writes one text frame and flushes it now. */
  void send(CharSequence text) {
    if (channel != null && channel.isActive()) {
      channel.writeAndFlush(textFrame(text), channel.voidPromise());
    }
  }

  /**
   * Writes one text frame from inside a frame callback of this client; the flush happens once at
   * the end of the read batch, so many replies share one write to the socket.
   */
  void reply(CharSequence text) {
    if (channel != null && channel.isActive()) {
      channel.write(textFrame(text), channel.voidPromise());
      flushPending = true;
    }
  }

  private TextWebSocketFrame textFrame(CharSequence text) {
    ByteBuf buf = ByteBufUtil.writeUtf8(channel.alloc(), text);
    return new TextWebSocketFrame(buf);
  }

  /** Closes the WebSocket (close frame, then the TCP connection); the server sees the socket leave. */
  void close() {
    closing = true;
    connected = false;
    if (channel != null && channel.isActive()) {
      channel.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void received(Frame f) {
    framesIn++;
    switch (f.kind()) {
      case PING -> reply("3");
      case EVENT -> {
        if (f.isEvent(ONLINE_COUNT_UPDATE)) {
          countUpdate(f.longField(COUNT, 0));
        }
        listener.onEvent(this, f);
      }
      case ACK -> listener.onAck(this, f);
      case OPEN -> reply(Frames.connect(token, listener.watchesOnConnect()));
      case CONNECT -> {
        connected = true;
        connectedAt = System.nanoTime();
        listener.onConnected(this);
        handshake.tryComplete(this);
      }
      case CONNECT_ERROR -> fail("refused: " + f.data());
      case DISCONNECT, CLOSE -> {
        closeReason = f.kind() == Frame.Kind.DISCONNECT ? "Socket.IO DISCONNECT from the server"
            : "Engine.IO close from the server";
        channel.close();
      }
      default -> {
        // NOOP and other Engine.IO packets mean nothing to a WebSocket-only client
      }
    }
  }

  private void countUpdate(long count) {
    if (count > maxOnlineCount) {
      maxOnlineCount = count;
    }
    if (count >= onlineGoal && onlineGoalAt == 0) {
      onlineGoalAt = System.nanoTime();
    }
  }

  private void fail(String reason) {
    if (handshake.tryFail(username + ": " + reason) && channel != null) {
      closing = true;
      channel.close();
    }
  }

  private void closed() {
    if (closeReason == null) {
      closeReason = "TCP connection closed by the server";
    }
    boolean wasConnected = connected;
    connected = false;
    if (!handshake.future().isComplete()) {
      fail("closed during the handshake");
    } else if (wasConnected && !closing) {
      listener.onLost(this);
    }
  }

  /** The channel's last handler: finishes the WebSocket handshake, then reads frames in place. */
  private final class Handler extends ChannelInboundHandlerAdapter {
    private final Frame frame;

    Handler(Frame frame) {
      this.frame = frame;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      channel = ctx.channel();
      handshaker.handshake(channel);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof TextWebSocketFrame text) {
          ByteBuf content = text.content();
          int length = content.readableBytes();
          content.getBytes(content.readerIndex(), frame.buffer(length), 0, length);
          received(frame.parse(length));
        } else if (msg instanceof FullHttpResponse response && handshaker != null && !handshaker.isHandshakeComplete()) {
          try {
            handshaker.finishHandshake(channel, response);
            openAt = System.nanoTime();
            handshaker = null; // nothing more to do with it, and 10 000 clients need not keep one
          } catch (RuntimeException e) {
            fail("websocket upgrade refused: " + response.status());
          }
        } else if (msg instanceof PingWebSocketFrame ping) {
          ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (msg instanceof CloseWebSocketFrame close) {
          closeReason = "WebSocket close " + close.statusCode() + " " + close.reasonText();
          ctx.close();
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (flushPending) {
        flushPending = false;
        ctx.flush();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      closeReason = "load generator: " + cause;
      fail("websocket: " + cause.getMessage());
      ctx.close();
    }
  }
}
