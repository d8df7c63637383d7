package dev.pulse.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Backend;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.PulseFixture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenExpiryTest {

  @Test
  void tokenExpiringWhileConnectedIsRefusedAtTheNextEvent() throws Exception {
    try (PulseFixture server = PulseFixture.start(Backend.H2)) {
      String alice = Api.uniqueName("alice");
      String bob = Api.uniqueName("bob");
      server.api().register(alice);
      String bobToken = server.api().register(bob);
      Instant now = Instant.now();
      String shortLived = JWT.create().withSubject(alice).withIssuedAt(now).withExpiresAt(now.plusSeconds(2))
          .sign(Algorithm.HMAC256(PulseFixture.JWT_SECRET));
      try (Client a = Client.connect(server.baseUrl(), shortLived)) {
        JsonObject before = a.call("send_message", new JsonObject().put("to", bob).put("message", "in time"));
        assertThat(before.getBoolean("ok")).as(before.encode()).isTrue();

        Client.pause(Duration.between(Instant.now(), now.plusMillis(2_200)));
        JsonObject after = a.call("send_message", new JsonObject().put("to", bob).put("message", "too late"));
        assertThat(after.getBoolean("ok")).isFalse();
        assertThat(after.getJsonObject("error").getString("code")).isEqualTo("unauthorized");
        assertThat(after.getJsonObject("error").getString("message")).isEqualTo("token expired");
        a.await("disconnect");
      }
      Api.Response history = server.api().get("/api/conversations/" + alice + "/messages", bobToken);
      assertThat(history.json().getJsonArray("items")).hasSize(1);
    }
  }
}
