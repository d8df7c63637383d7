package dev.pulse.server.chat;

import dev.pulse.server.core.Fields;
import io.vertx.core.json.JsonObject;

/**
 * A message someone asks to send, as read from {@code send_message} or {@code POST /api/messages}:
 * the recipient (lower-cased, as usernames are), the text as typed, an optional {@code clientId}
 * that makes retries idempotent, the id of the message it replies to ({@code replyTo}) and the
 * photo it carries ({@code photoId}, whose text is then an optional caption). {@link MessageRules}
 * decides whether it may go.
 */
public record MessageRequest(String to, String body, String clientId, Long replyTo, String photoId) {
  static final int MAX_CLIENT_ID_LENGTH = 64;
  static final int MAX_PHOTO_ID_LENGTH = 32;

  public MessageRequest(String to, String body, String clientId) {
    this(to, body, clientId, null, null);
  }

  /**
   * Reads {@code {to, message, clientId?, replyTo?, photoId?}}; wrong types are a
   * {@code bad_request} naming the field.
   */
  public static MessageRequest from(JsonObject payload) {
    return new MessageRequest(
        Fields.username(payload, "to"),
        Fields.raw(payload, "message"),
        Fields.string(payload, "clientId", false, MAX_CLIENT_ID_LENGTH),
        payload.getValue("replyTo") == null ? null : Fields.longValue(payload, "replyTo"),
        Fields.string(payload, "photoId", false, MAX_PHOTO_ID_LENGTH));
  }
}
