package dev.pulse.socketio.engineio;

import dev.pulse.socketio.engineio.EnginePacketCodec.EngineParseException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.Timeout;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket, driven on its Netty channel once the upgrade is done: Netty's frame decoder in
 * front, this handler feeding the Engine.IO session, one packet per frame. Frames written during
 * an event-loop turn are collected in one buffer and leave with one flush per connection at the
 * end of the turn. While the client reads too slowly for the channel to stay writable, packets
 * wait in the session's bounded buffer (decision 003) instead.
 *
 * <p>Every callback runs on the server's event loop (the channel's), inside its Vert.x context.
 */
final class WebSocketConnection extends ChannelInboundHandlerAdapter implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);

  /** How long a server-initiated close waits for the client's Close frame before dropping TCP. */
  static final int CLOSE_HANDSHAKE_TIMEOUT_MILLIS = 1_000;
  /**
   * Frames up to this size are copied into the connection's buffer for the turn: copying a few
   * dozen bytes costs less than a buffer duplicate and an outbound entry per frame, and a backlog
   * of queued frames then weighs its bytes, not two objects each. Larger ones are shared.
   */
  static final int COPY_FRAMES_UP_TO = 1024;
  private static final int TURN_BUFFER_INITIAL_BYTES = 256;
  /**
   * Bytes one turn may collect for a connection, and the high-water mark of its channel's
   * outbound buffer (the low one is half). Whatever the kernel's socket buffer cannot take waits
   * here as bytes, so this bounds what a stalled client costs in direct memory; the rest waits
   * as references in the session.
   */
  static final int TURN_BUFFER_LIMIT_BYTES = 16 * 1024;

  private final EngineIoServer server;
  private final EngineSocket session;
  private ChannelHandlerContext ctx;
  /**
   * Where data frames enter the pipeline: at the frame decoder, below Netty's frame encoder,
   * which they skip (they are already frames); control frames go through the encoder.
   */
  private ChannelHandlerContext frames;
  /** The handshake response is out: frames may be written and are passed to the session. */
  private boolean open;
  /** A Close frame was sent or received, or the channel is gone: nothing more is written. */
  private boolean closed;
  /** Listed for a flush at the end of the turn. */
  private boolean dirty;
  /** The small frames written during this turn, copied back to back; null when none. */
  private ByteBuf turnBuffer;
  /** A fragmented message being reassembled; null between messages. */
  private FragmentedMessage fragments;
  private Timeout closeTimer;

  WebSocketConnection(EngineIoServer server, EngineSocket session) {
    this.server = server;
    this.session = session;
  }

  Channel channel() {
    return ctx.channel();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** The handshake response has been written: from now on the session may use this socket. */
  void opened() {
    ctx.channel().config().setWriteBufferWaterMark(
        new WriteBufferWaterMark(TURN_BUFFER_LIMIT_BYTES / 2, TURN_BUFFER_LIMIT_BYTES));
    frames = ctx.pipeline().context(WebSocketFrameDecoder.class);
    open = !closed && ctx.channel().isActive() && frames != null;
  }

  boolean isOpen() {
    return open && !closed;
  }

  @Override
  public String name() {
    return "websocket";
  }

  /**
   * True while frames can go straight to the channel: open, and both Netty's outbound buffer
   * and this turn's buffer below {@link #TURN_BUFFER_LIMIT_BYTES}. Otherwise the
   * session keeps packets in its own buffer, where a queued broadcast costs a reference to the
   * shared message rather than a copy of its bytes, and hands them over at the end of the turn or
   * when the channel drains ({@link #channelWritabilityChanged}). So a connection holds about
   * twice that many bytes at most, however far behind its client is.
   */
  @Override
  public boolean writable() {
    return open && !closed && ctx.channel().isWritable()
        && (turnBuffer == null || turnBuffer.readableBytes() < TURN_BUFFER_LIMIT_BYTES);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (open && !closed && ctx.channel().isWritable()) {
      inContext(session::flush);
    }
  }

  // ---- reading ----

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof WebSocketFrame frame && open) {
        ContextInternal context = server.context();
        ContextInternal previous = context.beginDispatch();
        try {
          onFrame(frame);
        } finally {
          context.endDispatch(previous);
        }
      }
      // Anything else is the tail of the upgrade request (its empty last content).
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onFrame(WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
      boolean text = frame instanceof TextWebSocketFrame;
      if (frame.isFinalFragment()) {
        onMessage(frame.content(), text);
      } else {
        fragments = new FragmentedMessage(ctx.alloc(), frame.content(), text);
      }
    } else if (frame instanceof ContinuationWebSocketFrame && fragments != null) {
      if (!fragments.append(frame.content(), server.options().maxPayload())) {
        closeWith(WebSocketCloseStatus.MESSAGE_TOO_BIG);
        onClosed(CloseReason.TRANSPORT_ERROR, "message larger than maxPayload");
      } else if (frame.isFinalFragment()) {
        FragmentedMessage message = fragments;
        fragments = null;
        try {
          onMessage(message.bytes(), message.text());
        } finally {
          message.bytes().release();
        }
      }
    } else if (frame instanceof PingWebSocketFrame) {
      if (!closed) {
        writeTurnBuffer();
        ctx.write(new PongWebSocketFrame(frame.content().retain()), ctx.voidPromise());
        flushLater();
      }
    } else if (frame instanceof CloseWebSocketFrame close) {
      if (!closed) {
        closed = true;
        // Echo the client's status (the decoder has checked it), then end the connection.
        writeTurnBuffer();
        ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content().retain()))
            .addListener(ChannelFutureListener.CLOSE);
        onClosed(CloseReason.TRANSPORT_CLOSE, "websocket closed by the peer");
      } else {
        ctx.close(); // the answer to our Close: the handshake is complete
      }
    }
    // Pong frames need no answer.
  }

  private void onMessage(ByteBuf content, boolean text) {
    if (!text) {
      session.onWebSocketPacket(this, EnginePacket.message(Buffer.buffer(ByteBufUtil.getBytes(content))));
      return;
    }
    EnginePacket packet;
    try {
      packet = EnginePacketCodec.decodeText(content.toString(StandardCharsets.UTF_8));
    } catch (EngineParseException e) {
      session.onWebSocketParseError(this, e.getMessage());
      return;
    }
    session.onWebSocketPacket(this, packet);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseFragments();
    releaseTurnBuffer();
    if (closeTimer != null) {
      closeTimer.cancel();
      closeTimer = null;
    }
    if (open && !closed) {
      closed = true;
      inContext(() -> onClosed(CloseReason.TRANSPORT_CLOSE, "websocket closed by the peer"));
    }
    closed = true;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Protocol violations (the decoder has already answered with a Close frame) and resets.
    LOG.debug("websocket of session {} failed: {}", session.id(), cause.toString());
    boolean wasOpen = open && !closed;
    closed = true;
    ctx.close();
    if (wasOpen) {
      inContext(() -> onClosed(CloseReason.TRANSPORT_ERROR, String.valueOf(cause.getMessage())));
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close(); // the HTTP server's idle timeout applies to its WebSockets too
    }
    ReferenceCountUtil.release(evt);
  }

  /** Runs {@code action} as the server's Vert.x context (already on its event loop). */
  private void inContext(Runnable action) {
    ContextInternal context = server.context();
    ContextInternal previous = context.beginDispatch();
    try {
      action.run();
    } finally {
      context.endDispatch(previous);
    }
  }

  private void onClosed(String reason, String description) {
    session.onTransportClosed(this, reason, description);
  }

  // ---- writing ----

  @Override
  public int send(List<EnginePacket> packets) {
    int sent = 0;
    try {
      while (sent < packets.size() && writable()) {
        write(packets.get(sent++));
      }
    } catch (OutOfMemoryError e) {
      noBufferMemory(e);
      return packets.size();
    }
    afterWrite();
    return sent;
  }

  @Override
  public void send(EnginePacket packet) {
    try {
      write(packet);
    } catch (OutOfMemoryError e) {
      noBufferMemory(e);
      return;
    }
    afterWrite();
  }

  /**
   * The direct memory limit was reached while growing this connection's buffer: this connection
   * is dropped, and a broadcast goes on to the others. (Netty and the JDK report it as an
   * OutOfMemoryError; the heap is not affected.)
   */
  private void noBufferMemory(OutOfMemoryError e) {
    LOG.debug("no buffer memory for session {}", session.id(), e);
    releaseTurnBuffer();
    session.onNoBufferMemory();
  }

  private void write(EnginePacket packet) {
    Object data = packet.data();
    if (data instanceof SharedMessage shared) {
      ByteBuf frame = shared.frame(ctx.alloc(), server.endOfTurn());
      if (frame.readableBytes() <= COPY_FRAMES_UP_TO) {
        turnBuffer(frame.readableBytes()).writeBytes(frame, frame.readerIndex(), frame.readableBytes());
      } else {
        writeTurnBuffer();
        frames.write(frame.retainedDuplicate(), frames.voidPromise());
      }
    } else if (data instanceof String text && packet.type() == EnginePacketType.MESSAGE) {
      WebSocketFrames.writeText(turnBuffer(text.length() + 8), EnginePacketType.MESSAGE.code(), text);
    } else if (data instanceof Buffer bytes) {
      writeTurnBuffer();
      frames.write(WebSocketFrames.binary(ctx.alloc(), bytes.getBytes()), frames.voidPromise());
    } else {
      WebSocketFrames.writeText(turnBuffer(16), (char) 0, EnginePacketCodec.encodeText(packet));
    }
  }

  /** The buffer collecting this turn's small frames, with room for {@code bytes} more. */
  private ByteBuf turnBuffer(int bytes) {
    if (turnBuffer == null) {
      turnBuffer = ctx.alloc().directBuffer(Math.max(TURN_BUFFER_INITIAL_BYTES, bytes));
    } else {
      turnBuffer.ensureWritable(bytes);
    }
    return turnBuffer;
  }

  /** Hands the small frames collected so far to the channel (not yet flushed). */
  private void writeTurnBuffer() {
    if (turnBuffer != null) {
      ByteBuf buffered = turnBuffer;
      turnBuffer = null;
      frames.write(buffered, frames.voidPromise());
    }
  }

  private void afterWrite() {
    flushLater();
    ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
    long waiting = (out == null ? 0 : out.totalPendingWriteBytes())
        + (turnBuffer == null ? 0 : turnBuffer.readableBytes());
    if (waiting > server.options().writeBufferLimit()) {
      session.onSlowConsumer();
    }
  }

  private void flushLater() {
    if (!dirty) {
      dirty = true;
      server.endOfTurn().flushLater(this);
    }
  }

  /** Called by {@link EndOfTurn}: hands this turn's frames to the socket. */
  void flushNow() {
    try {
      writeTurnBuffer();
      if (open && !closed && ctx.channel().isWritable()) {
        session.flush(); // what waited for the turn buffer (still listed: no second flush is asked)
        writeTurnBuffer();
      }
    } finally {
      dirty = false;
      ctx.flush();
    }
    if (session.bufferedBytes() > 0 && writable()) {
      flushLater(); // the kernel took it all: go on with the backlog next turn
    }
  }

  @Override
  public void close(List<EnginePacket> remaining, Runnable onClosed) {
    if (!closed) {
      if (open && remaining != null) {
        remaining.forEach(this::write);
      }
      closeWith(WebSocketCloseStatus.NORMAL_CLOSURE);
    }
    onClosed.run();
  }

  /** Sends a Close frame and drops the connection once the client answers, or after a while. */
  private void closeWith(WebSocketCloseStatus status) {
    closed = true;
    releaseFragments();
    if (!open || !ctx.channel().isActive()) {
      releaseTurnBuffer();
      ctx.close();
      return;
    }
    writeTurnBuffer();
    if (server.isClosed()) {
      // Shutting down: the timer wheel is stopped, so no wait for the client's answer.
      ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.writeAndFlush(new CloseWebSocketFrame(status));
    closeTimer = server.timer().schedule(CLOSE_HANDSHAKE_TIMEOUT_MILLIS, ctx::close);
  }

  @Override
  public void discard() {
    close(null, () -> {});
  }

  private void releaseTurnBuffer() {
    if (turnBuffer != null) {
      turnBuffer.release();
      turnBuffer = null;
    }
  }

  private void releaseFragments() {
    if (fragments != null) {
      fragments.bytes().release();
      fragments = null;
    }
  }
}
