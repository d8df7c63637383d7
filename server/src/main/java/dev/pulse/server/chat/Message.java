package dev.pulse.server.chat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A stored 1:1 message; {@code call} is set when it records a call (null for text). */
public record Message(
    long id,
    String from,
    String to,
    String body,
    String clientId,
    Instant timestamp,
    Instant deliveredAt,
    Instant readAt,
    CallEntry call) {

  /** The key of the conversation between two users: their names sorted, joined by ':'. */
  public static String pairKey(String a, String b) {
    return a.compareTo(b) <= 0 ? a + ":" + b : b + ":" + a;
  }

  /** The {@code new_message} event payload. */
  public JsonObject toEvent() {
    JsonObject event = new JsonObject()
        .put("id", id)
        .put("from", from)
        .put("to", to)
        .put("message", body)
        .put("timestamp", timestamp.toString())
        .put("clientId", clientId);
    if (call != null) {
      event.put("call", call.toJson());
    }
    return event;
  }

  /** The REST representation, with delivery and read times. */
  public JsonObject toJson() {
    return toEvent()
        .put("deliveredAt", deliveredAt == null ? null : deliveredAt.toString())
        .put("readAt", readAt == null ? null : readAt.toString());
  }
}
