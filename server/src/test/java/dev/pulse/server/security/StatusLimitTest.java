package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.EmbeddedServerTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A status change reaches every observer, so it is rate limited: one bucket per user whether it
 * comes over REST or the socket, and going offline gives no fresh burst.
 */
class StatusLimitTest extends EmbeddedServerTest {
  @Override
  protected Map<String, String> env() {
    // one more a minute: nothing refills within a test
    return Map.of("STATUS_PER_MINUTE", "1", "STATUS_BURST", "3");
  }

  @Test
  void restAndSocketShareOneStatusBucket() {
    String alice = Api.uniqueName("alice");
    String token = api.register(alice);
    try (Client a = Client.connect(server.baseUrl(), token)) {
      assertThat(a.call("set_status", new JsonObject().put("status", "busy")).getBoolean("ok")).isTrue();
      assertThat(api.put("/api/me/status", token, new JsonObject().put("status", "away")).status()).isEqualTo(200);
      assertThat(a.call("set_status", new JsonObject().put("status", "online")).getBoolean("ok")).isTrue();

      Api.Response rest = api.put("/api/me/status", token, new JsonObject().put("status", "busy"));
      assertThat(rest.status()).as(rest.text()).isEqualTo(429);
      assertThat(rest.json().getJsonObject("error").getString("message"))
          .matches("Too many status changes: at most 3 at once and 1 per minute; retry in [1-6]?[0-9] s");
      JsonObject socket = a.call("set_status", new JsonObject().put("status", "busy"));
      assertThat(socket.getBoolean("ok")).isFalse();
      assertThat(socket.getJsonObject("error").getString("code")).isEqualTo("rate_limited");
    }
    assertThat(api.metrics()).contains("pulse_rate_limited_total{kind=\"status changes\"} 2.0");
  }

  @Test
  void goingOfflineGivesNoFreshBurst() {
    String bob = Api.uniqueName("bob");
    String watcher = Api.uniqueName("watcher");
    String token = api.register(bob);
    String watcherToken = api.register(watcher);
    try (Client b = Client.connect(server.baseUrl(), token)) {
      for (int i = 0; i < 3; i++) {
        assertThat(b.call("set_status", new JsonObject().put("status", i % 2 == 0 ? "busy" : "online"))
            .getBoolean("ok")).isTrue();
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() ->
        !api.get("/api/users/online-status/" + bob, watcherToken).json().getBoolean("online"));
    try (Client again = Client.connect(server.baseUrl(), token)) {
      JsonObject reply = again.call("set_status", new JsonObject().put("status", "busy"));
      assertThat(reply.getBoolean("ok")).as(reply.encode()).isFalse();
      assertThat(reply.getJsonObject("error").getString("code")).isEqualTo("rate_limited");
    }
  }
}
