package dev.pulse.server.api;

import dev.pulse.server.presence.PresenceService;
import dev.pulse.server.presence.PresenceView;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;

/** The three online-status endpoints of the original API. */
public final class OnlineStatusRoutes {
  private final PresenceService presence;

  public OnlineStatusRoutes(PresenceService presence) {
    this.presence = presence;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/users/online-status/count").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, presence.countFor(Rest.user(ctx)).map(count -> new JsonObject().put("count", count))));
    router.get("/api/users/online-status/users").handler(authenticated).handler(this::users);
    router.get("/api/users/online-status/:username").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, presence.viewFor(Rest.user(ctx), ctx.pathParam("username").toLowerCase())
            .map(PresenceView::toJsonWithName)));
  }

  private void users(RoutingContext ctx) {
    Rest.reply(ctx, 200, presence.onlineFor(Rest.user(ctx)).map(visible -> {
      JsonArray list = new JsonArray();
      visible.stream().sorted(Comparator.comparing(PresenceView::username))
          .forEach(v -> list.add(v.toJsonWithName()));
      return new JsonObject().put("count", list.size()).put("users", list);
    }));
  }
}
