package dev.pulse.server.api;

import dev.pulse.server.presence.PresenceTracker;
import dev.pulse.server.presence.PresenceView;
import dev.pulse.server.profiles.ProfileService;
import dev.pulse.server.profiles.Members;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.UserRepository;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The three online-status endpoints of the original API. */
public final class OnlineStatusRoutes {
  private final PresenceTracker presence;
  private final ProfileService profiles;
  private final Members members;
  private final Database db;
  private final UserRepository users;

  public OnlineStatusRoutes(PresenceTracker presence, ProfileService profiles, Members members, Database db,
      UserRepository users) {
    this.presence = presence;
    this.profiles = profiles;
    this.members = members;
    this.db = db;
    this.users = users;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/users/online-status/count").handler(authenticated).handler(ctx ->
        Rest.json(ctx, 200, new JsonObject().put("count", presence.onlineCount())));
    router.get("/api/users/online-status/users").handler(authenticated).handler(this::users);
    router.get("/api/users/online-status/:username").handler(authenticated).handler(this::one);
  }

  private void users(RoutingContext ctx) {
    Rest.reply(ctx, 200, members.blockersOf(Rest.user(ctx)).map(blockers -> {
      JsonArray list = new JsonArray();
      presence.onlineUsers().stream()
          .filter(v -> !blockers.contains(v.username()))
          .sorted((a, b) -> a.username().compareTo(b.username()))
          .forEach(v -> list.add(v.toJsonWithName()));
      return new JsonObject().put("count", list.size()).put("users", list);
    }));
  }

  private void one(RoutingContext ctx) {
    String username = ctx.pathParam("username").toLowerCase();
    Rest.reply(ctx, 200, db.run(c -> users.presence(c, username)).compose(stored -> {
      if (stored.isEmpty()) {
        throw ApiException.notFound("No user '" + username + "'");
      }
      return profiles.presenceOf(Rest.user(ctx), username, stored.get().lastSeen());
    }).map(PresenceView::toJsonWithName));
  }
}
