package dev.pulse.bench;

import java.nio.charset.StandardCharsets;

/**
 * One received Engine.IO v4 / Socket.IO v5 text frame, read in place: the bytes of the frame,
 * its kind, its ack id and where its JSON data starts. Default namespace over WebSocket only
 * (one packet per frame, no binary attachments). Nothing here parses JSON or builds strings:
 * scenarios look for the few fields they need by byte search, because the load generator's one
 * core must keep up with half a million frames a second. A frame object is reused for every
 * frame on the loop; it is only valid during the callback that receives it.
 */
final class Frame {
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

  private byte[] bytes = new byte[256];
  private int length;
  private Kind kind = Kind.OTHER;
  private int ackId = NO_ACK;
  private int dataStart;

  /** The text of an event name or field key as the bytes to look for. */
  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A buffer of at least {@code length} bytes to copy the next frame into, then {@link #parse}. */
  byte[] buffer(int length) {
    if (bytes.length < length) {
      bytes = new byte[Math.max(length, bytes.length * 2)];
    }
    return bytes;
  }

  /** Reads the first {@code length} bytes of {@link #buffer} as a frame. */
  Frame parse(int length) {
    this.length = length;
    ackId = NO_ACK;
    dataStart = length;
    kind = Kind.OTHER;
    if (length == 0) {
      return this;
    }
    switch (bytes[0]) {
      case '0' -> set(Kind.OPEN, 1);
      case '1' -> set(Kind.CLOSE, 1);
      case '2' -> set(Kind.PING, 1);
      case '4' -> socketIo();
      default -> {
        // NOOP, MESSAGE without Socket.IO, upgrade packets: nothing for a WebSocket-only client
      }
    }
    return this;
  }

  /** Parses {@code text} (tests and diagnostics). */
  static Frame of(String text) {
    Frame f = new Frame();
    byte[] b = ascii(text);
    System.arraycopy(b, 0, f.buffer(b.length), 0, b.length);
    return f.parse(b.length);
  }

  private void set(Kind k, int start) {
    kind = k;
    dataStart = Math.min(start, length);
  }

  private void socketIo() {
    if (length < 2) {
      return;
    }
    Kind k = switch (bytes[1]) {
      case '0' -> Kind.CONNECT;
      case '1' -> Kind.DISCONNECT;
      case '2' -> Kind.EVENT;
      case '3' -> Kind.ACK;
      case '4' -> Kind.CONNECT_ERROR;
      default -> Kind.OTHER;
    };
    int i = 2;
    if (k == Kind.EVENT || k == Kind.ACK) {
      long id = 0;
      int digits = 0;
      while (i < length && isDigit(bytes[i]) && digits < 10) {
        id = id * 10 + (bytes[i] - '0');
        i++;
        digits++;
      }
      if (digits > 0 && id <= Integer.MAX_VALUE) {
        ackId = (int) id;
      }
    }
    set(k, i);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  Kind kind() {
    return kind;
  }

  int ackId() {
    return ackId;
  }

  int dataStart() {
    return dataStart;
  }

  int length() {
    return length;
  }

  /**
   * True when this is an event named by {@code quotedName}, the bytes of {@code "name"} with
   * its quotes: the data starts {@code ["name",} or {@code ["name"]}.
   */
  boolean isEvent(byte[] quotedName) {
    int at = dataStart + 1;
    if (kind != Kind.EVENT || length < at + quotedName.length + 1 || bytes[dataStart] != '[') {
      return false;
    }
    for (int i = 0; i < quotedName.length; i++) {
      if (bytes[at + i] != quotedName[i]) {
        return false;
      }
    }
    byte next = bytes[at + quotedName.length];
    return next == ',' || next == ']';
  }

  /** The first position of {@code needle} at or after {@code from}, or -1. */
  int indexOf(byte[] needle, int from) {
    int last = length - needle.length;
    outer:
    for (int i = Math.max(0, from); i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  boolean contains(byte[] needle) {
    return indexOf(needle, dataStart) >= 0;
  }

  /** Where the value of {@code key} (the bytes of {@code "field":}) starts, or -1. */
  int valueOf(byte[] key) {
    int at = indexOf(key, dataStart);
    return at < 0 ? -1 : at + key.length;
  }

  /** The number at {@code at} (digits, optionally after a minus sign), or {@code fallback}. */
  long number(int at, long fallback) {
    if (at < 0 || at >= length) {
      return fallback;
    }
    int i = at;
    boolean negative = bytes[i] == '-';
    if (negative) {
      i++;
    }
    int start = i;
    long value = 0;
    while (i < length && isDigit(bytes[i]) && i - start < 19) {
      value = value * 10 + (bytes[i] - '0');
      i++;
    }
    if (i == start) {
      return fallback;
    }
    return negative ? -value : value;
  }

  /** The value of {@code "field":123}, or {@code fallback}. */
  long longField(byte[] key, long fallback) {
    return number(valueOf(key), fallback);
  }

  /** The byte at {@code at}, or 0 past the end. */
  byte at(int at) {
    return at >= 0 && at < length ? bytes[at] : 0;
  }

  /**
   * The string value of {@code "field":"value"}, or null. Only for values without escapes (ones
   * this client chose itself, or server-made names and codes).
   */
  String stringField(byte[] key) {
    int at = valueOf(key);
    if (at < 0 || at >= length || bytes[at] != '"') {
      return null;
    }
    for (int end = at + 1; end < length; end++) {
      if (bytes[end] == '"') {
        return new String(bytes, at + 1, end - at - 1, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** The JSON data of the frame as text (rare paths only: errors, diagnostics). */
  String data() {
    return new String(bytes, dataStart, length - dataStart, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
