package dev.pulse.server.reports;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** {@code reporter}'s report that {@code reported} broke the rules, made from a profile or a chat. */
public record Report(long id, String reporter, String reported, String reason, String details, String place,
    Instant createdAt) {

  /** The reasons a member can pick; {@code other} wants details. */
  public static final List<String> REASONS = List.of("fake_profile", "harassment", "inappropriate", "scam", "other");
  public static final List<String> PLACES = List.of("profile", "chat");
  public static final int DETAILS_MAX = 1000;

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("reporter", reporter).put("reported", reported).put("reason", reason)
        .put("details", details).put("where", place).put("createdAt", createdAt.toString());
  }
}
