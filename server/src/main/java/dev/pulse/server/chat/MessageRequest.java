package dev.pulse.server.chat;

import dev.pulse.server.core.Fields;
import io.vertx.core.json.JsonObject;

/**
 * A message someone asks to send, as read from {@code send_message} or {@code POST /api/messages}:
 * the recipient (lower-cased, as usernames are), the text as typed, and an optional
 * {@code clientId} that makes retries idempotent. {@link MessageRules} decides whether it may go.
 */
public record MessageRequest(String to, String body, String clientId) {
  static final int MAX_CLIENT_ID_LENGTH = 64;

  /** Reads {@code {to, message, clientId?}}; wrong types are a {@code bad_request} naming the field. */
  public static MessageRequest from(JsonObject payload) {
    return new MessageRequest(
        Fields.username(payload, "to"),
        Fields.raw(payload, "message"),
        Fields.string(payload, "clientId", false, MAX_CLIENT_ID_LENGTH));
  }
}
