package dev.pulse.socketio.engineio;

/**
 * Errors answered to an HTTP request before it reaches a session, with the same codes, messages
 * and status as the reference server (and one refusal of its own): body {@code {"code":N,"message":"..."}}.
 */
public enum HandshakeError {
  UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
  UNKNOWN_SID(1, "Session ID unknown", 400),
  BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
  BAD_REQUEST(3, "Bad request", 400),
  FORBIDDEN(4, "Forbidden", 403),
  UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400),
  /**
   * Too many sessions from one address (or in all) are waiting to be accepted; like the
   * reference's refusals by {@code allowRequest}, code 4 with a message of its own.
   */
  TOO_MANY_PENDING(4, "Too many connections waiting to be accepted; try again later", 429);

  private final int code;
  private final String message;
  private final int httpStatus;

  HandshakeError(int code, String message, int httpStatus) {
    this.code = code;
    this.message = message;
    this.httpStatus = httpStatus;
  }

  public int code() {
    return code;
  }

  public String message() {
    return message;
  }

  public int httpStatus() {
    return httpStatus;
  }

  String body() {
    return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
  }
}
