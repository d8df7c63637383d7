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

  /** An authenticated member and when their token expires. */
  public record Authenticated(Member member, Instant expiresAt) {
    public String username() {
      return member.username();
    }
  }

  private final TokenService tokens;
  private final Members members;

  public Authenticator(TokenService tokens, Members members) {
    this.tokens = tokens;
    this.members = members;
  }

  /**
   * The member {@code token} names; {@code unauthorized} otherwise, with the reason in lower case
   * as the socket's {@code connect_error} gives it: missing token, invalid token, token expired,
   * unknown user.
   */
  public Future<Authenticated> authenticate(String token) {
    Verdict verdict = tokens.verify(token);
    if (verdict instanceof Verdict.Refused refused) {
      return Future.failedFuture(DomainException.unauthenticated(refused.reason()));
    }
    Verdict.Valid valid = (Verdict.Valid) verdict;
    return members.find(valid.username()).map(found -> new Authenticated(
        found.orElseThrow(() -> DomainException.unauthenticated(UNKNOWN_USER)), valid.expiresAt()));
  }
}
