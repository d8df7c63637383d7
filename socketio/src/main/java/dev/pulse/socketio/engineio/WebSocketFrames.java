package dev.pulse.socketio.engineio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * Server-to-client WebSocket data frames (RFC 6455 section 5.2: final, unmasked, no extensions)
 * written straight into a buffer: a broadcast's frame is built once and its bytes reused for
 * every connection, and the frames for one connection in one event-loop turn share one buffer.
 */
final class WebSocketFrames {

  static final int OPCODE_TEXT = 0x1;
  static final int OPCODE_BINARY = 0x2;

  private WebSocketFrames() {}

  /** A text frame carrying {@code prefix} followed by {@code text}, UTF-8 encoded. */
  static ByteBuf text(ByteBufAllocator alloc, char prefix, String text) {
    int length = 1 + ByteBufUtil.utf8Bytes(text);
    ByteBuf frame = alloc.directBuffer(headerLength(length) + length);
    writeText(frame, prefix, text, length);
    return frame;
  }

  /**
   * Appends a text frame carrying {@code prefix} (0 for none) followed by {@code text}, growing
   * {@code out} as needed.
   */
  static void writeText(ByteBuf out, char prefix, String text) {
    int length = (prefix == 0 ? 0 : 1) + ByteBufUtil.utf8Bytes(text);
    out.ensureWritable(headerLength(length) + length);
    writeText(out, prefix, text, length);
  }

  private static void writeText(ByteBuf out, char prefix, String text, int length) {
    writeHeader(out, OPCODE_TEXT, length);
    if (prefix != 0) {
      out.writeByte(prefix);
      ByteBufUtil.reserveAndWriteUtf8(out, text, length - 1);
    } else {
      ByteBufUtil.reserveAndWriteUtf8(out, text, length);
    }
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
