package dev.pulse.server.realtime;

import dev.pulse.server.api.ApiException;
import dev.pulse.server.api.Fields;
import dev.pulse.server.presence.PresenceTracker;
import dev.pulse.server.presence.Status;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The presence events: {@code set_status} and the legacy {@code user_online}. */
final class PresenceEvents {
  static final int STATUS_TEXT_MAX = 100;

  private final PresenceTracker presence;

  PresenceEvents(PresenceTracker presence) {
    this.presence = presence;
  }

  Future<JsonObject> setStatus(Session s, JsonObject p) {
    Status status = Status.chosen(Fields.string(p, "status", true, 8));
    if (status == null) {
      throw ApiException.badRequest("'status' must be online, away or busy");
    }
    String text = Fields.string(p, "text", false, STATUS_TEXT_MAX);
    return presence.choose(s.username(), status, text).map(v -> new JsonObject()
        .put("status", v.status().wire()).put("statusText", v.statusText()));
  }

  /** A sign of life from a user who is reading, not sending: keeps them from turning away. */
  Future<JsonObject> activity(Session s, JsonObject p) {
    return Future.succeededFuture(new JsonObject());
  }

  /**
   * Older clients announce themselves; the connection already did (and the router has refused
   * a username that is not the token's).
   */
  Future<JsonObject> userOnline(Session s, JsonObject p) {
    return Future.succeededFuture(new JsonObject().put("username", s.username()));
  }
}
