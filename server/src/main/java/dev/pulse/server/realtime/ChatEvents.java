package dev.pulse.server.realtime;

import dev.pulse.server.api.Fields;
import dev.pulse.server.chat.ChatService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The chat events: {@code send_message}, {@code user_typing}, {@code mark_read}. */
final class ChatEvents {
  private final ChatService chat;

  ChatEvents(ChatService chat) {
    this.chat = chat;
  }

  Future<JsonObject> sendMessage(Session s, JsonObject p) {
    String to = Fields.string(p, "to", true, 32);
    String body = Fields.raw(p, "message");
    String clientId = Fields.string(p, "clientId", false, 64);
    return chat.send(s.username(), to, body, clientId, s.socket()).map(sent -> sent.toAck().copy());
  }

  Future<JsonObject> typing(Session s, JsonObject p) {
    String to = Fields.string(p, "to", true, 32);
    boolean isTyping = Fields.bool(p, "isTyping", true);
    return chat.typing(s.username(), to, isTyping).map(v -> null);
  }

  Future<JsonObject> markRead(Session s, JsonObject p) {
    String with = Fields.string(p, "with", true, 32);
    long upToId = Fields.longValue(p, "upToId");
    return chat.markRead(s.username(), with, upToId);
  }
}
