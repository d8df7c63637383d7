package dev.pulse.server.realtime;

import dev.pulse.server.presence.PresenceService;
import dev.pulse.server.presence.StatusChoice;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The presence events: {@code set_status}, {@code activity} and the legacy {@code user_online}. */
final class PresenceEvents {
  private final PresenceService presence;

  PresenceEvents(PresenceService presence) {
    this.presence = presence;
  }

  Future<JsonObject> setStatus(Session s, JsonObject p) {
    return presence.choose(s.username(), StatusChoice.from(p)).map(StatusChoice::toJson);
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
