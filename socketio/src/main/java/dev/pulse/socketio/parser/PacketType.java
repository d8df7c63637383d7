package dev.pulse.socketio.parser;

/** Socket.IO v5 packet types; the ordinal is the digit on the wire. */
public enum PacketType {
  CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

  private static final PacketType[] BY_CODE = values();

  public char code() {
    return (char) ('0' + ordinal());
  }

  static PacketType fromCode(char c) {
    int i = c - '0';
    return i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
  }

  boolean isBinary() {
    return this == BINARY_EVENT || this == BINARY_ACK;
  }
}
