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
    PacketType type = packet.type();
    List<Buffer> attachments = new ArrayList<>(0);
    String json = packet.data() == null ? null : PacketJson.write(packet.data(), attachments);
    if (!attachments.isEmpty()) {
      type = switch (type) {
        case EVENT, BINARY_EVENT -> PacketType.BINARY_EVENT;
        case ACK, BINARY_ACK -> PacketType.BINARY_ACK;
        default -> throw new IllegalArgumentException(type + " cannot carry binary data");
      };
    }
    StringBuilder sb = new StringBuilder(16 + (json == null ? 0 : json.length()));
    sb.append(type.code());
    if (!attachments.isEmpty()) {
      sb.append(attachments.size()).append('-');
    }
    if (!"/".equals(packet.namespace())) {
      sb.append(packet.namespace()).append(',');
    }
    if (packet.hasId()) {
      sb.append(packet.id());
    }
    if (json != null) {
      sb.append(json);
    }
    return new EncodedPacket(sb.toString(), attachments.isEmpty() ? List.of() : attachments);
  }
}
