package dev.pulse.socketio.engineio;

/** Why an Engine.IO session ended; the strings are the reference server's. */
public final class CloseReason {
  /** The client closed the connection or sent a CLOSE packet. */
  public static final String TRANSPORT_CLOSE = "transport close";
  /** The connection failed (a polling request overlap, a dropped long-poll, a socket error). */
  public static final String TRANSPORT_ERROR = "transport error";
  /** The client did not answer a ping within pingTimeout. */
  public static final String PING_TIMEOUT = "ping timeout";
  /** The client sent bytes that are not a valid packet. */
  public static final String PARSE_ERROR = "parse error";
  /** The server closed the session on purpose. */
  public static final String FORCED_CLOSE = "forced close";
  /** The server is stopping. */
  public static final String SERVER_SHUTTING_DOWN = "server shutting down";
  /** The client read too slowly and its write buffer passed the limit. */
  public static final String SLOW_CONSUMER = "slow consumer";
  /** A packet or HTTP body exceeded maxPayload. */
  public static final String PAYLOAD_TOO_LARGE = "payload too large";

  private CloseReason() {}
}
