package dev.pulse.socketio.engineio;

import io.vertx.core.buffer.Buffer;

/**
 * One Engine.IO packet. {@code data} is null, a {@link String} (text) or a {@link Buffer} (binary;
 * only MESSAGE packets carry binary); an outgoing MESSAGE may also carry a {@link SharedMessage}.
 */
public record EnginePacket(EnginePacketType type, Object data) {

  static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, null);
  static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, null);
  static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, null);

  public static EnginePacket message(Object data) {
    return new EnginePacket(EnginePacketType.MESSAGE, data);
  }

  /** Approximate size on the wire, used for write-buffer accounting. */
  int wireSize() {
    if (data instanceof Buffer b) {
      return b.length() + 1;
    }
    if (data instanceof SharedMessage shared) {
      return shared.wireSize();
    }
    return data == null ? 1 : ((String) data).length() + 1;
  }
}
