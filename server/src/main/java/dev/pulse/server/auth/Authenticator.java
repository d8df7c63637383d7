package dev.pulse.server.auth;

import dev.pulse.server.auth.TokenService.Verdict;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.members.Member;
import dev.pulse.server.members.Members;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * Who a request or connection is: a valid token of a member who exists. The socket handshake and
 * every REST route ask here, so both refuse the same things with the same reasons.
 */
public final class Authenticator {
  /** Why a token of a user who does not exist (any more) is refused. */
  public static final String UNKNOWN_USER = "unknown user";

  /** An authenticated member, the session their token belongs to, and when the token expires. */
  public record Authenticated(Member member, String sessionId, Instant expiresAt) {
    public String username() {
      return member.username();
    }
  }

  private final TokenService tokens;
  private final Members members;
  private final Sessions sessions;

  public Authenticator(TokenService tokens, Members members, Sessions sessions) {
    this.tokens = tokens;
    this.members = members;
    this.sessions = sessions;
  }

  /**
   * The member {@code token} names; {@code unauthorized} otherwise, with the reason in lower case
   * as the socket's {@code connect_error} gives it: missing token, invalid token, token expired,
   * unknown user, session ended (logged out, the password changed, the account deleted).
   */
  public Future<Authenticated> authenticate(String token) {
    Verdict verdict = tokens.verify(token);
    if (verdict instanceof Verdict.Refused refused) {
      return Future.failedFuture(DomainException.unauthenticated(refused.reason()));
    }
    Verdict.Valid valid = (Verdict.Valid) verdict;
    return members.find(valid.username()).compose(found -> {
      Member member = found.orElseThrow(() -> DomainException.unauthenticated(UNKNOWN_USER));
      return sessions.live(valid.sessionId(), valid.username()).map(live -> {
        if (!live) {
          throw DomainException.unauthenticated(Sessions.ENDED);
        }
        return new Authenticated(member, valid.sessionId(), valid.expiresAt());
      });
    });
  }
}
