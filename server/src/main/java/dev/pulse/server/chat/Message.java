package dev.pulse.server.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A stored 1:1 message; {@code call} is set when it records a call (null for text), {@code reply}
 * when it answers another message, {@code photo} when it carries a photo (its {@code body} is then
 * the caption, possibly empty). {@code reactions} are filled in only where they are shown
 * (history, conversation list), empty elsewhere.
 */
public record Message(
    long id,
    String from,
    String to,
    String body,
    String clientId,
    Instant timestamp,
    Instant deliveredAt,
    Instant readAt,
    CallEntry call,
    Quote reply,
    ChatPhoto photo,
    List<Reaction> reactions) {

  public Message {
    reactions = reactions == null ? List.of() : reactions;
  }

  /** A message without reply, photo or reactions (a text, or a call's entry). */
  public Message(long id, String from, String to, String body, String clientId, Instant timestamp,
      Instant deliveredAt, Instant readAt, CallEntry call) {
    this(id, from, to, body, clientId, timestamp, deliveredAt, readAt, call, null, null, List.of());
  }

  /** The key of the conversation between two users: their names sorted, joined by ':'. */
  public static String pairKey(String a, String b) {
    return a.compareTo(b) <= 0 ? a + ":" + b : b + ":" + a;
  }

  /** What the sender's ticks show: {@code read}, {@code delivered} or {@code sent}. */
  public String status() {
    return readAt != null ? "read" : deliveredAt != null ? "delivered" : "sent";
  }

  /**
   * This message as its sender sees it once the recipient blocked them ({@code blockedAt}; null:
   * no block): delivery and reading after the block are not shown, so a blocked user learns
   * nothing of the blocker's comings and goings from their ticks.
   */
  public Message asSeenBySender(Instant blockedAt) {
    if (blockedAt == null) {
      return this;
    }
    Instant delivered = deliveredAt != null && deliveredAt.isBefore(blockedAt) ? deliveredAt : null;
    Instant read = readAt != null && readAt.isBefore(blockedAt) ? readAt : null;
    return delivered == deliveredAt && read == readAt ? this
        : new Message(id, from, to, body, clientId, timestamp, delivered, read, call, reply, photo, reactions);
  }

  /** This message with {@code list} as its reactions. */
  public Message withReactions(List<Reaction> list) {
    return new Message(id, from, to, body, clientId, timestamp, deliveredAt, readAt, call, reply, photo, list);
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
    if (reply != null) {
      event.put("replyTo", reply.toJson());
    }
    if (photo != null) {
      event.put("photo", photo.toJson());
    }
    return event;
  }

  /** The REST representation, with delivery and read times and the reactions. */
  public JsonObject toJson() {
    return toEvent()
        .put("deliveredAt", deliveredAt == null ? null : deliveredAt.toString())
        .put("readAt", readAt == null ? null : readAt.toString())
        .put("reactions", new JsonArray(reactions.stream().map(Reaction::toJson).toList()));
  }
}
