package dev.pulse.server.chat;

import io.vertx.core.json.JsonObject;

/**
 * What a reply shows of the message it answers: its id, its sender, and a preview (the first
 * {@link #PREVIEW_LENGTH} characters of its text, or a word for a photo or a call). Kept with
 * the reply, so showing it never needs the quoted message.
 */
public record Quote(long id, String from, String preview) {
  /** Characters of the quoted text kept; longer text is cut and ends with an ellipsis. */
  public static final int PREVIEW_LENGTH = 100;

  public static Quote of(Message quoted) {
    return new Quote(quoted.id(), quoted.from(), preview(quoted));
  }

  static String preview(Message m) {
    String body = m.body() == null ? "" : m.body().strip();
    if (m.call() != null) {
      return "video".equals(m.call().kind()) ? "Video call" : "Voice call";
    }
    if (body.isEmpty()) {
      return m.photo() != null ? "Photo" : "";
    }
    if (body.length() <= PREVIEW_LENGTH) {
      return body;
    }
    int end = PREVIEW_LENGTH;
    // never cut an emoji (a surrogate pair) in half
    if (Character.isHighSurrogate(body.charAt(end - 1))) {
      end--;
    }
    return body.substring(0, end).stripTrailing() + "…";
  }

  /** The {@code replyTo} field of a message: {@code {id, from, preview}}. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("from", from).put("preview", preview);
  }

  public static Quote fromJson(JsonObject json) {
    return new Quote(json.getLong("id"), json.getString("from"), json.getString("preview"));
  }
}
