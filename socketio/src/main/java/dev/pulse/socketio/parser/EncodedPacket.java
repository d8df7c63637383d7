package dev.pulse.socketio.parser;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A packet ready for the wire: one text message, then its binary attachments as separate
 * binary messages. Encoded once and written to any number of connections.
 */
public record EncodedPacket(String text, List<Buffer> attachments) {

  public EncodedPacket {
    attachments = attachments == null ? List.of() : attachments;
  }
}
