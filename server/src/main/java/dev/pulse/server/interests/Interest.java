package dev.pulse.server.interests;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** {@code from}'s interest in {@code to}: pending until {@code to} accepts or declines it. */
public record Interest(String from, String to, Status status, Instant createdAt, Instant updatedAt) {

  public enum Status {
    PENDING, ACCEPTED, DECLINED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status of(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("from", from).put("to", to).put("status", status.wire())
        .put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString());
  }
}
