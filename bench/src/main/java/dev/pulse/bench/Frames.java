package dev.pulse.bench;

/**
 * The few Engine.IO v4 / Socket.IO v5 text frames the load generator reads and writes, on the
 * default namespace over WebSocket (one packet per frame, no binary attachments). Reading works
 * on index positions inside the frame rather than parsing JSON, because the client's single core
 * must keep up with the server: only the fields a scenario needs are ever picked out.
 */
final class Frames {
  static final int NO_ACK = -1;

  /** What kind of packet a frame holds. */
  enum Kind {
    OPEN, // 0{sid,...}
    CLOSE, // 1
    PING, // 2 (answer 3)
    CONNECT, // 40{sid}
    DISCONNECT, // 41
    EVENT, // 42[id]["name",...]
    ACK, // 43<id>[...]
    CONNECT_ERROR, // 44{message}
    OTHER
  }

  /**
   * One frame's kind, its ack id ({@link #NO_ACK} when it has none) and where its JSON data
   * starts (the frame's length when there is none).
   */
  record Packet(Kind kind, int ackId, int dataStart) {}

  private static final Packet PING = new Packet(Kind.PING, NO_ACK, 1);
  private static final Packet CLOSE = new Packet(Kind.CLOSE, NO_ACK, 1);

  private Frames() {}

  static Packet parse(String frame) {
    if (frame.isEmpty()) {
      return new Packet(Kind.OTHER, NO_ACK, 0);
    }
    switch (frame.charAt(0)) {
      case '0':
        return new Packet(Kind.OPEN, NO_ACK, 1);
      case '1':
        return CLOSE;
      case '2':
        return PING;
      case '4':
        break;
      default:
        return new Packet(Kind.OTHER, NO_ACK, frame.length());
    }
    if (frame.length() < 2) {
      return new Packet(Kind.OTHER, NO_ACK, frame.length());
    }
    Kind kind = switch (frame.charAt(1)) {
      case '0' -> Kind.CONNECT;
      case '1' -> Kind.DISCONNECT;
      case '2' -> Kind.EVENT;
      case '3' -> Kind.ACK;
      case '4' -> Kind.CONNECT_ERROR;
      default -> Kind.OTHER;
    };
    int i = 2;
    if (kind == Kind.EVENT || kind == Kind.ACK) {
      long id = 0;
      int digits = 0;
      while (i < frame.length() && Character.isDigit(frame.charAt(i)) && digits < 10) {
        id = id * 10 + (frame.charAt(i) - '0');
        i++;
        digits++;
      }
      if (digits > 0 && id <= Integer.MAX_VALUE) {
        return new Packet(kind, (int) id, i);
      }
    }
    return new Packet(kind, NO_ACK, i);
  }

  /** True when the event frame's data (starting at {@code dataStart}) is {@code ["name",...}. */
  static boolean isEvent(String frame, int dataStart, String name) {
    int end = dataStart + 2 + name.length();
    return frame.length() > end
        && frame.startsWith("[\"", dataStart)
        && frame.startsWith(name, dataStart + 2)
        && frame.charAt(end) == '"';
  }

  /**
   * The value of the first {@code "field":"value"} at or after {@code from}, or null. Only for
   * values this client chose itself (no escapes inside).
   */
  static String stringField(String frame, String field, int from) {
    int at = valueStart(frame, field, from);
    if (at < 0 || at >= frame.length() || frame.charAt(at) != '"') {
      return null;
    }
    int end = frame.indexOf('"', at + 1);
    return end < 0 ? null : frame.substring(at + 1, end);
  }

  /** The value of the first {@code "field":123} at or after {@code from}, or {@code fallback}. */
  static long longField(String frame, String field, int from, long fallback) {
    int at = valueStart(frame, field, from);
    if (at < 0) {
      return fallback;
    }
    long value = 0;
    int i = at;
    boolean negative = i < frame.length() && frame.charAt(i) == '-';
    if (negative) {
      i++;
    }
    int digitsStart = i;
    while (i < frame.length() && Character.isDigit(frame.charAt(i))) {
      value = value * 10 + (frame.charAt(i) - '0');
      i++;
    }
    if (i == digitsStart) {
      return fallback;
    }
    return negative ? -value : value;
  }

  private static int valueStart(String frame, String field, int from) {
    String key = "\"" + field + "\":";
    int at = frame.indexOf(key, from);
    return at < 0 ? -1 : at + key.length();
  }

  /** {@code 42<ackId>["name",<json>]}; {@code json} is already encoded. */
  static String event(int ackId, String name, String json) {
    StringBuilder b = new StringBuilder(16 + name.length() + json.length());
    b.append("42");
    if (ackId != NO_ACK) {
      b.append(ackId);
    }
    return b.append("[\"").append(name).append("\",").append(json).append(']').toString();
  }

  /** The empty acknowledgement {@code 43<id>[]}. */
  static String emptyAck(int ackId) {
    return "43" + ackId + "[]";
  }

  /** The Socket.IO CONNECT packet carrying the auth payload, on the default namespace. */
  static String connect(String token) {
    return "40{\"token\":\"" + token + "\"}";
  }
}
