package dev.pulse.server.api;

import dev.pulse.server.auth.AuthService;
import dev.pulse.server.auth.AuthService.SignedIn;
import dev.pulse.server.limits.RateLimiter;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.server.presence.StatusChoice;
import dev.pulse.server.profiles.ProfileService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Register, login, the session's refresh and logout, and the caller's own account: profile,
 * status, password, deletion. A sign-in answers with a short-lived access token in the body and
 * the session's refresh credential in an HttpOnly cookie ({@link SessionCookie}).
 */
public final class AccountRoutes {
  private final AuthService auth;
  private final ProfileService profiles;
  private final PresenceService presence;
  private final RateLimiter statusLimit;
  private final ClientAddress clientAddress;
  private final SessionCookie cookie;

  /**
   * {@code statusLimit}: the bucket set_status uses over the socket; {@code tls}: Pulse serves
   * HTTPS itself, so the cookie is marked Secure.
   */
  public AccountRoutes(AuthService auth, ProfileService profiles, PresenceService presence, RateLimiter statusLimit,
      ClientAddress clientAddress, boolean tls, Clock clock) {
    this.auth = auth;
    this.profiles = profiles;
    this.presence = presence;
    this.statusLimit = statusLimit;
    this.clientAddress = clientAddress;
    this.cookie = new SessionCookie(tls, clock);
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.post("/api/auth/register").handler(ctx ->
        signedIn(ctx, 201, auth.register(Rest.body(ctx), clientAddress.of(ctx.request()))));
    router.post("/api/auth/login").handler(ctx ->
        signedIn(ctx, 200, auth.login(Rest.body(ctx), clientAddress.of(ctx.request()))));
    router.post("/api/auth/refresh").handler(ctx -> signedIn(ctx, 200, auth.refresh(SessionCookie.read(ctx))));
    // the browser logs out with its cookie; an API client with its token
    router.post("/api/auth/logout")
        .handler(ctx -> {
          if (SessionCookie.read(ctx) != null) {
            ctx.next();
          } else {
            authenticated.handle(ctx);
          }
        })
        .handler(this::logout);
    router.post("/api/auth/logout-all").handler(authenticated).handler(ctx ->
        ended(ctx, auth.logoutEverywhere(Rest.user(ctx))));
    router.get("/api/me").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, profiles.get(Rest.user(ctx), Rest.user(ctx))));
    router.put("/api/me").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, profiles.update(Rest.user(ctx), Rest.body(ctx))));
    router.delete("/api/me").handler(authenticated).handler(ctx ->
        ended(ctx, auth.deleteAccount(Rest.user(ctx), Rest.body(ctx))));
    router.put("/api/me/password").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 204, auth.changePassword(Rest.user(ctx), Rest.session(ctx), Rest.body(ctx))));
    router.put("/api/me/status").handler(authenticated).handler(this::setStatus);
  }

  private void signedIn(RoutingContext ctx, int status, Future<SignedIn> signedIn) {
    Rest.reply(ctx, status, signedIn.compose(s -> {
      String username = s.username();
      return profiles.get(username, username).map(profile -> {
        cookie.set(ctx, s.session().credential(), s.session().expiresAt());
        return new JsonObject()
            .put("token", s.access().token())
            .put("expiresAt", s.access().expiresAt().toString())
            .put("sessionExpiresAt", s.session().expiresAt().toString())
            .put("user", profile);
      });
    }));
  }

  private void logout(RoutingContext ctx) {
    String credential = SessionCookie.read(ctx);
    Future<Void> done = credential == null
        ? auth.logout(Rest.session(ctx))
        // a cookie of a session that already ended has nothing left to end
        : auth.refresh(credential).compose(s -> auth.logout(s.session().id()), err -> Future.succeededFuture());
    ended(ctx, done);
  }

  /** Replies 204 once the session(s) ended, and drops this browser's cookie. */
  private void ended(RoutingContext ctx, Future<Void> done) {
    Rest.reply(ctx, 204, done.map(v -> {
      cookie.clear(ctx);
      return null;
    }));
  }

  private void setStatus(RoutingContext ctx) {
    StatusChoice choice = StatusChoice.from(Rest.body(ctx));
    String user = Rest.user(ctx);
    // every observer hears a status change: one budget with set_status over the socket
    Rest.reply(ctx, 200, statusLimit.acquire(user).compose(v -> presence.choose(user, choice)).map(StatusChoice::toJson));
  }
}
