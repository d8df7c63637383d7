package dev.pulse.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Backend;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.PulseFixture;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** A connection lives as long as its token: closed at expiry with a clear error, silent or not. */
class TokenExpiryTest {

  @Test
  void silentConnectionIsClosedWhenItsTokenExpires() throws Exception {
    try (PulseFixture server = PulseFixture.start(Backend.SQLITE)) {
      String alice = Api.uniqueName("alice");
      String bob = Api.uniqueName("bob");
      String aliceSession = JWT.decode(server.api().register(alice)).getClaim("sid").asString();
      String bobToken = server.api().register(bob);
      Instant now = Instant.now();
      String shortLived = JWT.create().withSubject(alice).withClaim("sid", aliceSession).withIssuedAt(now).withExpiresAt(now.plusSeconds(2))
          .sign(Algorithm.HMAC256(PulseFixture.JWT_SECRET));
      try (Client a = Client.connect(server.baseUrl(), shortLived);
          Client b = Client.connect(server.baseUrl(), bobToken)) {
        JsonObject before = a.call("send_message", new JsonObject().put("to", bob).put("message", "in time"));
        assertThat(before.getBoolean("ok")).as(before.encode()).isTrue();
        // then alice sends nothing; her connection must not outlive her token (whole seconds in a JWT)
        JsonObject error = a.await("error");
        assertThat(Instant.now()).isAfterOrEqualTo(now.plusSeconds(2).truncatedTo(ChronoUnit.SECONDS));
        assertThat(error.getString("code")).isEqualTo("unauthorized");
        assertThat(error.getString("message")).isEqualTo("token expired");
        a.await("disconnect");
        // bob's connection, with a long token, stays
        JsonObject sent = b.call("send_message", new JsonObject().put("to", alice).put("message", "still here"));
        assertThat(sent.getBoolean("ok")).as(sent.encode()).isTrue();
      }
      assertThat(server.api().history(bobToken, alice)).hasSize(2);
    }
  }
}
