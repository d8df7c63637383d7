package dev.pulse.server.chat;

import io.vertx.core.json.JsonObject;

/**
 * The part of a message that records a call in the conversation ("Missed video call", "Voice
 * call · 4:12"): which call, audio or video, why it ended, whether it was answered and how long
 * it lasted. The call's full record is in the calls table; this is what the conversation shows.
 */
public record CallEntry(String callId, String kind, String reason, boolean answered, long durationSeconds) {

  /** Not answered, and not turned down by the callee: it counts as unread for them. */
  public boolean missed() {
    return !answered && !"declined".equals(reason);
  }

  /** The {@code call} field of a message. */
  public JsonObject toJson() {
    return new JsonObject().put("id", callId).put("kind", kind).put("reason", reason).put("answered", answered)
        .put("missed", missed()).put("durationSeconds", durationSeconds);
  }

  public static CallEntry fromJson(JsonObject json) {
    return new CallEntry(json.getString("id"), json.getString("kind"), json.getString("reason"),
        json.getBoolean("answered", false), json.getLong("durationSeconds", 0L));
  }
}
