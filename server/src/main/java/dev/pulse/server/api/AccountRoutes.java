package dev.pulse.server.api;

import dev.pulse.server.auth.AuthService;
import dev.pulse.server.auth.TokenService;
import dev.pulse.server.limits.RateLimiter;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.server.presence.StatusChoice;
import dev.pulse.server.profiles.ProfileService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Register, login, and the caller's own profile and status. */
public final class AccountRoutes {
  private final AuthService auth;
  private final ProfileService profiles;
  private final PresenceService presence;
  private final RateLimiter statusLimit;
  private final ClientAddress clientAddress;

  /** {@code statusLimit}: the bucket set_status uses over the socket. */
  public AccountRoutes(AuthService auth, ProfileService profiles, PresenceService presence, RateLimiter statusLimit,
      ClientAddress clientAddress) {
    this.auth = auth;
    this.profiles = profiles;
    this.presence = presence;
    this.statusLimit = statusLimit;
    this.clientAddress = clientAddress;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.post("/api/auth/register").handler(ctx ->
        Rest.reply(ctx, 201, withProfile(auth.register(Rest.body(ctx), clientAddress.of(ctx.request())))));
    router.post("/api/auth/login").handler(ctx ->
        Rest.reply(ctx, 200, withProfile(auth.login(Rest.body(ctx), clientAddress.of(ctx.request())))));
    router.get("/api/me").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, profiles.get(Rest.user(ctx), Rest.user(ctx))));
    router.put("/api/me").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, profiles.update(Rest.user(ctx), Rest.body(ctx))));
    router.put("/api/me/status").handler(authenticated).handler(this::setStatus);
  }

  private Future<JsonObject> withProfile(Future<TokenService.Issued> issued) {
    return issued.compose(t -> {
      String username = t.username();
      return profiles.get(username, username).map(profile -> new JsonObject()
          .put("token", t.token()).put("expiresAt", t.expiresAt().toString()).put("user", profile));
    });
  }

  private void setStatus(RoutingContext ctx) {
    StatusChoice choice = StatusChoice.from(Rest.body(ctx));
    String user = Rest.user(ctx);
    // every observer hears a status change: one budget with set_status over the socket
    Rest.reply(ctx, 200, statusLimit.acquire(user).compose(v -> presence.choose(user, choice)).map(StatusChoice::toJson));
  }
}
