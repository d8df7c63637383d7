package dev.pulse.server.realtime;

import dev.pulse.server.chat.ChatService;
import dev.pulse.server.chat.Conversations;
import dev.pulse.server.chat.MessageRequest;
import dev.pulse.server.chat.Reactions;
import dev.pulse.server.core.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The chat events: {@code send_message}, {@code user_typing}, {@code mark_read}, {@code react}. */
final class ChatEvents {
  private final ChatService chat;
  private final Conversations conversations;
  private final Reactions reactions;

  ChatEvents(ChatService chat, Conversations conversations, Reactions reactions) {
    this.chat = chat;
    this.conversations = conversations;
    this.reactions = reactions;
  }

  Future<JsonObject> sendMessage(Session s, JsonObject p) {
    return chat.send(s.username(), MessageRequest.from(p), s.socket().id()).map(ChatService.Sent::toAck);
  }

  Future<JsonObject> typing(Session s, JsonObject p) {
    String to = Fields.username(p, "to");
    boolean isTyping = Fields.bool(p, "isTyping", true);
    return chat.typing(s.username(), to, isTyping).map(v -> null);
  }

  Future<JsonObject> markRead(Session s, JsonObject p) {
    String with = Fields.username(p, "with");
    long upToId = Fields.longValue(p, "upToId");
    return conversations.markRead(s.username(), with, upToId)
        .map(at -> new JsonObject().put("upToId", upToId).put("at", at.toString()));
  }

  /** {@code react {messageId, emoji}}: {@code emoji} null (or absent) takes one's reaction back. */
  Future<JsonObject> react(Session s, JsonObject p) {
    long messageId = Fields.longValue(p, "messageId");
    String emoji = Fields.raw(p, "emoji");
    return reactions.react(s.username(), messageId, emoji).map(Reactions.Change::toJson);
  }
}
