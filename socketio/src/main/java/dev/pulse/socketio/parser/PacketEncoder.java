package dev.pulse.socketio.parser;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes packets as {@code <type>[<attachments>-][<namespace>,][<id>][<json>]}. An EVENT or ACK
 * whose data holds binary becomes BINARY_EVENT / BINARY_ACK with its attachments alongside.
 */
public final class PacketEncoder {

  private PacketEncoder() {}

  public static EncodedPacket encode(Packet packet) {
    Object data = packet.data();
    PacketType type = packet.type();
    List<Buffer> attachments = null;
    if ((type == PacketType.EVENT || type == PacketType.ACK) && BinaryAttachments.hasBinary(data)) {
      attachments = new ArrayList<>(2);
      data = BinaryAttachments.deconstruct(data, attachments);
      type = type == PacketType.EVENT ? PacketType.BINARY_EVENT : PacketType.BINARY_ACK;
    }
    StringBuilder sb = new StringBuilder(64);
    sb.append(type.code());
    if (attachments != null) {
      sb.append(attachments.size()).append('-');
    }
    if (!"/".equals(packet.namespace())) {
      sb.append(packet.namespace()).append(',');
    }
    if (packet.hasId()) {
      sb.append(packet.id());
    }
    if (data != null) {
      sb.append(PacketJson.write(data));
    }
    return new EncodedPacket(sb.toString(), attachments);
  }
}
