package dev.pulse.server.chat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A stored 1:1 message. */
public record Message(
    long id,
    String from,
    String to,
    String body,
    String clientId,
    Instant timestamp,
    Instant deliveredAt,
    Instant readAt) {

  /** The key of the conversation between two users: their names sorted, joined by ':'. */
  public static String pairKey(String a, String b) {
    return a.compareTo(b) <= 0 ? a + ":" + b : b + ":" + a;
  }

  /** The {@code new_message} event payload. */
  public JsonObject toEvent() {
    return new JsonObject()
        .put("id", id)
        .put("from", from)
        .put("to", to)
        .put("message", body)
        .put("timestamp", timestamp.toString())
        .put("clientId", clientId);
  }

  /** The REST representation, with delivery and read times. */
  public JsonObject toJson() {
    return toEvent()
        .put("deliveredAt", deliveredAt == null ? null : deliveredAt.toString())
        .put("readAt", readAt == null ? null : readAt.toString());
  }
}
