package dev.pulse.socketio.engineio;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Engine.IO v4 packet encoding. WebSocket frames carry one packet each (binary frames are raw
 * message bytes); a polling body carries several packets joined by the record separator, binary
 * ones as {@code b} + base64.
 */
public final class EnginePacketCodec {

  /** Separates packets in a polling payload (ASCII record separator). */
  public static final char RECORD_SEPARATOR = '\u001e';

  private EnginePacketCodec() {}

  /** Text form of a packet, for a WebSocket text frame or inside a polling payload. */
  public static String encodeText(EnginePacket packet) {
    if (packet.data() instanceof Buffer b) {
      return "b" + Base64.getEncoder().encodeToString(b.getBytes());
    }
    if (packet.data() instanceof SharedMessage shared) {
      return shared.packetText();
    }
    return packet.data() == null
        ? String.valueOf(packet.type().code())
        : packet.type().code() + (String) packet.data();
  }

  public static String encodePayload(List<EnginePacket> packets) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < packets.size(); i++) {
      if (i > 0) {
        sb.append(RECORD_SEPARATOR);
      }
      sb.append(encodeText(packets.get(i)));
    }
    return sb.toString();
  }

  /** Decodes one text packet (a WebSocket text frame or one record of a polling payload). */
  public static EnginePacket decodeText(String text) throws EngineParseException {
    if (text.isEmpty()) {
      throw new EngineParseException("empty packet");
    }
    char first = text.charAt(0);
    if (first == 'b') {
      try {
        // Some clients (engine.io-client-java) wrap base64 in 76-character lines, as MIME does.
        String base64 = text.indexOf('\n') < 0 ? text.substring(1)
            : text.substring(1).replace("\r", "").replace("\n", "");
        return EnginePacket.message(Buffer.buffer(Base64.getDecoder().decode(base64)));
      } catch (IllegalArgumentException e) {
        throw new EngineParseException("invalid base64 in binary packet");
      }
    }
    EnginePacketType type = EnginePacketType.fromCode(first);
    if (type == null) {
      throw new EngineParseException("unknown packet type '" + first + "'");
    }
    if (type == EnginePacketType.MESSAGE) {
      return EnginePacket.message(text.substring(1)); // "4" alone is an empty text message
    }
    return new EnginePacket(type, text.length() > 1 ? text.substring(1) : null);
  }

  public static List<EnginePacket> decodePayload(String payload) throws EngineParseException {
    List<EnginePacket> packets = new ArrayList<>(2);
    int start = 0;
    while (true) {
      int end = payload.indexOf(RECORD_SEPARATOR, start);
      packets.add(decodeText(end < 0 ? payload.substring(start) : payload.substring(start, end)));
      if (end < 0) {
        return packets;
      }
      start = end + 1;
    }
  }

  /** A packet or payload that does not follow the Engine.IO v4 encoding. */
  public static final class EngineParseException extends Exception {
    public EngineParseException(String message) {
      super(message, null, false, false);
    }
  }
}
