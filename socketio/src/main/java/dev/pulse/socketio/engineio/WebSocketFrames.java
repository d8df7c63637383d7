package dev.pulse.socketio.engineio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * Server-to-client WebSocket data frames (RFC 6455 section 5.2: final, unmasked, no extensions)
 * written straight into one buffer, so a frame can be built once and the same bytes written to
 * many connections. Netty's frame encoder would build a header per connection and write.
 */
final class WebSocketFrames {

  static final int OPCODE_TEXT = 0x1;
  static final int OPCODE_BINARY = 0x2;

  private WebSocketFrames() {}

  /** A text frame carrying {@code prefix} followed by {@code text}, UTF-8 encoded. */
  static ByteBuf text(ByteBufAllocator alloc, char prefix, String text) {
    int length = 1 + ByteBufUtil.utf8Bytes(text);
    ByteBuf frame = alloc.directBuffer(headerLength(length) + length);
    writeHeader(frame, OPCODE_TEXT, length);
    frame.writeByte(prefix);
    ByteBufUtil.reserveAndWriteUtf8(frame, text, length - 1);
    return frame;
  }

  /** A text frame carrying {@code text} (already in Engine.IO form), UTF-8 encoded. */
  static ByteBuf text(ByteBufAllocator alloc, String text) {
    int length = ByteBufUtil.utf8Bytes(text);
    ByteBuf frame = alloc.directBuffer(headerLength(length) + length);
    writeHeader(frame, OPCODE_TEXT, length);
    ByteBufUtil.reserveAndWriteUtf8(frame, text, length);
    return frame;
  }

  /** A binary frame carrying {@code bytes}. */
  static ByteBuf binary(ByteBufAllocator alloc, byte[] bytes) {
    ByteBuf frame = alloc.directBuffer(headerLength(bytes.length) + bytes.length);
    writeHeader(frame, OPCODE_BINARY, bytes.length);
    frame.writeBytes(bytes);
    return frame;
  }

  static int headerLength(int payloadLength) {
    return payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
  }

  private static void writeHeader(ByteBuf frame, int opcode, int payloadLength) {
    frame.writeByte(0x80 | opcode); // FIN, no RSV bits
    if (payloadLength < 126) {
      frame.writeByte(payloadLength);
    } else if (payloadLength <= 0xFFFF) {
      frame.writeByte(126);
      frame.writeShort(payloadLength);
    } else {
      frame.writeByte(127);
      frame.writeLong(payloadLength);
    }
  }
}
