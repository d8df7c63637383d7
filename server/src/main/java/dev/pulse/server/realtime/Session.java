package dev.pulse.server.realtime;

import dev.pulse.socketio.Socket;
import java.time.Instant;

/**
 * One authenticated connection: who it is (from the token, never from payloads), its socket, the
 * sign-in session its token belongs to (the connection closes when that ends; see
 * {@link SessionEnds}), and when its token expires (the connection is closed then unless the
 * client hands over a fresh token first; see {@link TokenExpiry}). Event loop only.
 */
public final class Session {
  private final String username;
  private final Socket socket;
  private final String sessionId;
  private Instant tokenExpires;

  public Session(String username, Socket socket, String sessionId, Instant tokenExpires) {
    this.username = username;
    this.socket = socket;
    this.sessionId = sessionId;
    this.tokenExpires = tokenExpires;
  }

  public String username() {
    return username;
  }

  public Socket socket() {
    return socket;
  }

  public String sessionId() {
    return sessionId;
  }

  public Instant tokenExpires() {
    return tokenExpires;
  }

  /** The client handed over a fresh token of the same session; only {@link TokenExpiry} calls this. */
  void tokenExpires(Instant expires) {
    this.tokenExpires = expires;
  }
}
