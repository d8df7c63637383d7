package dev.pulse.server.realtime;

import dev.pulse.server.interests.InterestDelivery;
import dev.pulse.socketio.Namespace;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Interest and shortlist changes as events to the users' rooms (so every node and tab hears them). */
public final class InterestPush implements InterestDelivery {
  private final Namespace namespace;

  public InterestPush(Namespace namespace) {
    this.namespace = namespace;
  }

  @Override
  public void interestChanged(String from, String to, String status, String by, Instant at) {
    namespace.to(Rooms.user(from), Rooms.user(to)).emit("interest_update", new JsonObject()
        .put("from", from).put("to", to).put("status", status).put("by", by).put("at", at.toString()));
  }

  @Override
  public void shortlistChanged(String owner, String member, boolean shortlisted) {
    namespace.to(Rooms.user(owner)).emit("shortlist_update",
        new JsonObject().put("username", member).put("shortlisted", shortlisted));
  }
}
