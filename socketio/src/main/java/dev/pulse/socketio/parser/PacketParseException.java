package dev.pulse.socketio.parser;

/** Bytes from a client that are not a valid Socket.IO v5 packet. */
public final class PacketParseException extends Exception {

  public PacketParseException(String message) {
    super(message, null, false, false);
  }
}
