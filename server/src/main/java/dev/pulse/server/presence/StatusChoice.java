package dev.pulse.server.presence;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import io.vertx.core.json.JsonObject;

/**
 * A status a user chooses ({@code set_status} over the socket, {@code PUT /api/me/status}) and
 * the answer both give. The text goes with away and busy; choosing online clears it.
 */
public record StatusChoice(Status status, String text) {
  /** Longest status text. */
  public static final int TEXT_MAX = 100;

  public StatusChoice {
    text = status == Status.ONLINE ? null : text;
  }

  /** Reads {@code {status, text?}}; {@code bad_request} naming what is wrong. */
  public static StatusChoice from(JsonObject body) {
    Status status = Status.chosen(Fields.string(body, "status", true, 8));
    if (status == null) {
      throw DomainException.invalid("'status' must be online, away or busy");
    }
    return new StatusChoice(status, Fields.string(body, "text", false, TEXT_MAX));
  }

  /** The answer: {@code {status, statusText}}. */
  public JsonObject toJson() {
    return new JsonObject().put("status", status.wire()).put("statusText", text);
  }
}
