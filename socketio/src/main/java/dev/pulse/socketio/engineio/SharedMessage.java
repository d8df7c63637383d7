package dev.pulse.socketio.engineio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;

/**
 * A text message meant for many sessions, encoded once for all of them: its Engine.IO text once
 * for the polling sessions, its WebSocket frame once per event-loop turn for the WebSocket ones,
 * whose connections copy its bytes (short frames) or write a duplicate of it (long ones).
 * Use it on the server's event loop.
 */
public final class SharedMessage {

  private final String data;
  private String packetText;
  private ByteBuf frame;

  public SharedMessage(String data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  /** The message as given (without the Engine.IO packet type). */
  public String data() {
    return data;
  }

  /** The Engine.IO MESSAGE packet in text form, for polling payloads. */
  String packetText() {
    if (packetText == null) {
      packetText = EnginePacketType.MESSAGE.code() + data;
    }
    return packetText;
  }

  int wireSize() {
    return data.length() + 1;
  }

  /**
   * The WebSocket frame, built on the first call of a turn and released by {@code turn} at its
   * end: callers copy its bytes or write a retained duplicate of it, within the turn.
   */
  ByteBuf frame(ByteBufAllocator alloc, EndOfTurn turn) {
    if (frame == null) {
      frame = WebSocketFrames.text(alloc, EnginePacketType.MESSAGE.code(), data);
      turn.releaseLater(this);
    }
    return frame;
  }

  /** The frame built during this turn, or null (none was needed, or the turn is over). */
  ByteBuf builtFrame() {
    return frame;
  }

  void releaseFrame() {
    if (frame != null) {
      frame.release();
      frame = null;
    }
  }
}
