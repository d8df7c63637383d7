package dev.pulse.socketio.engineio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A WebSocket message arriving in several frames, collected until its last one. Netty's decoder
 * has already refused continuations without a start and new messages inside a fragmented one.
 */
final class FragmentedMessage {

  private final ByteBuf bytes;
  private final boolean text;

  FragmentedMessage(ByteBufAllocator alloc, ByteBuf first, boolean text) {
    this.bytes = alloc.heapBuffer(first.readableBytes() * 2);
    this.bytes.writeBytes(first);
    this.text = text;
  }

  boolean text() {
    return text;
  }

  /** Adds a continuation; false (and nothing added) when the message would exceed {@code max}. */
  boolean append(ByteBuf continuation, int max) {
    if (bytes.readableBytes() + continuation.readableBytes() > max) {
      return false;
    }
    bytes.writeBytes(continuation);
    return true;
  }

  /** The whole message; the caller releases it. */
  ByteBuf bytes() {
    return bytes;
  }
}
