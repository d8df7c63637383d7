package dev.pulse.socketio;

import io.vertx.core.json.JsonArray;
import java.util.List;

/** Not every client acknowledged in time; {@link #responses()} holds the replies that came. */
public final class AckTimeoutException extends RuntimeException {

  private final transient List<JsonArray> responses;

  public AckTimeoutException(long timeoutMillis, List<JsonArray> responses) {
    super("operation has timed out after " + timeoutMillis + " ms", null, false, false);
    this.responses = List.copyOf(responses);
  }

  public List<JsonArray> responses() {
    return responses;
  }
}
