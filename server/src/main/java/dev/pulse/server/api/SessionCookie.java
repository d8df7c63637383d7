package dev.pulse.server.api;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The refresh credential's cookie: HttpOnly (page scripts cannot read it, so an injected script
 * cannot carry the session away), SameSite=Strict (other sites cannot make the browser send it),
 * sent only to {@code /api/auth} (the refresh and logout routes), Secure when Pulse serves TLS.
 */
final class SessionCookie {
  static final String NAME = "pulse_session";
  static final String PATH = "/api/auth";

  private final boolean secure;
  private final Clock clock;

  SessionCookie(boolean secure, Clock clock) {
    this.secure = secure;
    this.clock = clock;
  }

  /** Sets the cookie to {@code credential} until {@code expiresAt}. */
  void set(RoutingContext ctx, String credential, Instant expiresAt) {
    long seconds = Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
    ctx.response().addCookie(cookie(credential).setMaxAge(seconds));
  }

  /** Tells the browser to drop the cookie. */
  void clear(RoutingContext ctx) {
    ctx.response().addCookie(cookie("").setMaxAge(0));
  }

  /** The credential the request carries, or null. */
  static String read(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(NAME);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }

  private Cookie cookie(String value) {
    return Cookie.cookie(NAME, value).setPath(PATH).setHttpOnly(true).setSecure(secure)
        .setSameSite(CookieSameSite.STRICT);
  }
}
