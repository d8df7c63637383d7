package dev.pulse.socketio.parser;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the packets of one connection. Stateful: a BINARY_EVENT/BINARY_ACK header is held
 * until its attachments (the next binary messages) have arrived. Anything that is not a valid
 * packet throws {@link PacketParseException}; the connection should then be closed.
 */
public final class PacketDecoder {

  /** Most attachments one packet may announce (the reference parser's default). */
  public static final int DEFAULT_MAX_ATTACHMENTS = 10;

  /** Event names a client may not emit: they mean something to the socket itself. */
  public static final Set<String> RESERVED_EVENTS = Set.of(
      "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

  private static final int MAX_ID_DIGITS = 15;

  private final int maxAttachments;
  private Packet pending;
  private int expected;
  private List<Buffer> received;

  public PacketDecoder() {
    this(DEFAULT_MAX_ATTACHMENTS);
  }

  public PacketDecoder(int maxAttachments) {
    this.maxAttachments = maxAttachments;
  }

  /**
   * Takes one Engine.IO message (String or Buffer); returns the completed packet, or null while
   * attachments are still due.
   */
  public Packet add(Object message) throws PacketParseException {
    if (message instanceof Buffer binary) {
      if (pending == null) {
        throw new PacketParseException("binary data without a binary packet");
      }
      received.add(binary);
      if (received.size() < expected) {
        return null;
      }
      Packet header = pending;
      List<Buffer> attachments = received;
      reset();
      Object data = BinaryAttachments.reconstruct(header.data(), attachments);
      return new Packet(header.type(), header.namespace(), data, header.id());
    }
    if (pending != null) {
      throw new PacketParseException("text packet while binary attachments were due");
    }
    return decodeText((String) message);
  }

  /** Forgets a half-received binary packet. */
  public void reset() {
    pending = null;
    expected = 0;
    received = null;
  }

  private Packet decodeText(String s) throws PacketParseException {
    if (s.isEmpty()) {
      throw new PacketParseException("empty packet");
    }
    PacketType type = PacketType.fromCode(s.charAt(0));
    if (type == null) {
      throw new PacketParseException("unknown packet type");
    }
    int i = 1;
    int attachments = 0;
    if (type.isBinary()) {
      int dash = s.indexOf('-', i);
      if (dash < 0 || dash == i || dash - i > 4 || !digits(s, i, dash)) {
        throw new PacketParseException("illegal attachments");
      }
      attachments = Integer.parseInt(s, i, dash, 10);
      if (attachments < 1 || attachments > maxAttachments) {
        throw new PacketParseException("illegal attachments");
      }
      i = dash + 1;
    }
    String namespace = "/";
    if (i < s.length() && s.charAt(i) == '/') {
      int comma = s.indexOf(',', i);
      int end = comma < 0 ? s.length() : comma;
      namespace = s.substring(i, end);
      i = comma < 0 ? end : end + 1;
    }
    long id = Packet.NO_ID;
    int idStart = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i > idStart) {
      if (i - idStart > MAX_ID_DIGITS) {
        throw new PacketParseException("ack id too long");
      }
      id = Long.parseLong(s, idStart, i, 10);
    }
    Object data = i < s.length() ? PacketJson.parse(s.substring(i)) : null;
    Packet packet = new Packet(type, namespace, validated(type, data, id), id);
    if (type.isBinary()) {
      pending = packet;
      expected = attachments;
      received = new ArrayList<>(attachments);
      return null;
    }
    return packet;
  }

  private static Object validated(PacketType type, Object data, long id)
      throws PacketParseException {
    boolean valid = switch (type) {
      case CONNECT -> data == null || data instanceof JsonObject;
      case DISCONNECT -> data == null;
      case CONNECT_ERROR -> data instanceof JsonObject || data instanceof String;
      case EVENT, BINARY_EVENT -> data instanceof JsonArray a && !a.isEmpty()
          && (a.getValue(0) instanceof Number
              || a.getValue(0) instanceof String name && !RESERVED_EVENTS.contains(name));
      case ACK, BINARY_ACK -> data instanceof JsonArray && id >= 0;
    };
    if (!valid) {
      throw new PacketParseException("invalid payload for " + type);
    }
    return data;
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
