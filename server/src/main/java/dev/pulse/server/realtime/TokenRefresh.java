package dev.pulse.server.realtime;

import dev.pulse.server.auth.Authenticator;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code refresh_token {token}}: the client hands over a fresh access token of the same session
 * before the one it connected with expires, and the connection lives on without a reconnect.
 * The token is checked like a handshake's; one of another user or session is refused.
 */
public final class TokenRefresh {
  /** Longer than any token Pulse issues; a bound on what is parsed. */
  static final int TOKEN_MAX_LENGTH = 4_096;

  private final Authenticator authenticator;
  private final TokenExpiry expiry;

  public TokenRefresh(Authenticator authenticator, TokenExpiry expiry) {
    this.authenticator = authenticator;
    this.expiry = expiry;
  }

  Future<JsonObject> refresh(Session session, JsonObject payload) {
    String token = Fields.string(payload, "token", true, TOKEN_MAX_LENGTH);
    return authenticator.authenticate(token).map(who -> {
      if (!who.username().equals(session.username()) || !who.sessionId().equals(session.sessionId())) {
        throw DomainException.forbidden("That token belongs to another session");
      }
      if (session.socket().connected()) {
        expiry.renew(session, who.expiresAt());
      }
      return new JsonObject().put("expiresAt", who.expiresAt().toString());
    });
  }

  /** Adds {@code refresh_token} to {@code router}. */
  public EventRouter mount(EventRouter router) {
    return router.onBackground("refresh_token", this::refresh);
  }
}
