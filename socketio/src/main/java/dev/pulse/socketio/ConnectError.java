package dev.pulse.socketio;

/**
 * Refuses a connection from a {@link Middleware}: the client's {@code connect_error} gets
 * {@code message} and, when not null, {@code data} (any JSON value).
 */
public final class ConnectError extends RuntimeException {

  private final transient Object data;

  public ConnectError(String message) {
    this(message, null);
  }

  public ConnectError(String message, Object data) {
    super(message, null, false, false);
    this.data = data;
  }

  public Object data() {
    return data;
  }
}
