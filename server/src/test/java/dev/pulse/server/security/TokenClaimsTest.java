package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.EmbeddedServerTest;
import dev.pulse.server.testing.PulseFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A token from a node whose clock runs a little ahead is accepted (iat / nbf within
 * {@code CLOCK_SKEW_SECONDS}); one claiming a life longer than {@code TOKEN_MAX_LIFETIME_MINUTES}
 * is refused, however well signed; access tokens are short-lived.
 */
class TokenClaimsTest extends EmbeddedServerTest {
  static final Algorithm OURS = Algorithm.HMAC256(PulseFixture.JWT_SECRET);

  @Override
  protected Map<String, String> env() {
    return Map.of("CLOCK_SKEW_SECONDS", "30", "TOKEN_MAX_LIFETIME_MINUTES", "60");
  }

  @Test
  void tokenIssuedByAClockSlightlyAheadIsAccepted() {
    String alice = Api.uniqueName("alice");
    String session = JWT.decode(api.register(alice)).getClaim("sid").asString();
    Instant ahead = Instant.now().plusSeconds(10);
    String token = JWT.create().withSubject(alice).withClaim("sid", session).withIssuedAt(ahead).withNotBefore(ahead)
        .withExpiresAt(ahead.plus(Duration.ofMinutes(15))).sign(OURS);
    assertThat(api.get("/api/me", token).status()).isEqualTo(200);
    try (Client c = Client.connect(server.baseUrl(), token)) {
      assertThat(c.await("connection_established").getString("username")).isEqualTo(alice);
    }
    // beyond the allowed skew it is refused
    Instant farAhead = Instant.now().plusSeconds(120);
    String future = JWT.create().withSubject(alice).withClaim("sid", session).withIssuedAt(farAhead)
        .withExpiresAt(farAhead.plus(Duration.ofMinutes(15))).sign(OURS);
    assertThat(api.get("/api/me", future).status()).isEqualTo(401);
  }

  @Test
  void tokenClaimingTooLongALifeIsRefused() {
    String alice = Api.uniqueName("alice");
    String issued = api.register(alice);
    String session = JWT.decode(issued).getClaim("sid").asString();
    Instant now = Instant.now();
    String weekLong = JWT.create().withSubject(alice).withClaim("sid", session).withIssuedAt(now)
        .withExpiresAt(now.plus(Duration.ofDays(7))).sign(OURS);
    assertThat(api.get("/api/me", weekLong).status()).isEqualTo(401);
    assertThat(Client.open(server.baseUrl(), weekLong).outcome()).isEqualTo("error: invalid token");
    // what the server issues is short-lived, within the maximum
    Duration life = Duration.between(JWT.decode(issued).getIssuedAtAsInstant(), JWT.decode(issued).getExpiresAtAsInstant());
    assertThat(life).isEqualTo(Duration.ofMinutes(15));
  }
}
