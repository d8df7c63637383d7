package dev.pulse.socketio;

/**
 * Why a socket left its namespace; the strings are the reference server's. Engine-level reasons
 * ("transport close", "ping timeout", ...) come from
 * {@link dev.pulse.socketio.engineio.CloseReason}.
 */
public final class DisconnectReason {
  /** The client left the namespace (it sent DISCONNECT). */
  public static final String CLIENT_NAMESPACE_DISCONNECT = "client namespace disconnect";
  /** The server called {@link Socket#disconnect()} or {@code disconnect(true)}. */
  public static final String SERVER_NAMESPACE_DISCONNECT = "server namespace disconnect";
  /** The server closed the whole connection: connect timeout or protocol violation. */
  public static final String FORCED_SERVER_CLOSE = "forced server close";
  /** The server is stopping. */
  public static final String SERVER_SHUTTING_DOWN = "server shutting down";

  private DisconnectReason() {}
}
