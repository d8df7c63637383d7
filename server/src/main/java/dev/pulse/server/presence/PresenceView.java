package dev.pulse.server.presence;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One user's presence as shown to someone: the REST "presence object". */
public record PresenceView(String username, Status status, String statusText, Instant lastSeen) {

  /** What a user who blocked the viewer looks like: offline, never seen. */
  public static PresenceView hidden(String username) {
    return new PresenceView(username, Status.OFFLINE, null, null);
  }

  public boolean online() {
    return status != Status.OFFLINE;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("online", online())
        .put("status", status.wire())
        .put("statusText", statusText)
        .put("lastSeen", lastSeen == null ? null : lastSeen.toString());
  }

  /** The same with the username, as the online-status endpoints return it. */
  public JsonObject toJsonWithName() {
    return new JsonObject().put("username", username).mergeIn(toJson());
  }
}
