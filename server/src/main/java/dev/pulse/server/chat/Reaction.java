package dev.pulse.server.chat;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** One member's reaction to a message: one of {@link #EMOJI}. */
public record Reaction(String by, String emoji) {
  /** The reactions a message can get, in the order pickers show them. */
  public static final List<String> EMOJI = List.of("👍", "❤️", "😂", "😮", "😢", "🙏");

  public JsonObject toJson() {
    return new JsonObject().put("by", by).put("emoji", emoji);
  }
}
