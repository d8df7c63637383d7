package dev.pulse.server.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.config.Config;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** {@code GET /api/calls/ice-servers}: the configured STUN and TURN servers, TURN with coturn REST credentials. */
class IceServersTest extends ServerTest {
  static final String SECRET = "turn-shared-secret";

  @Test
  void withNoServersConfiguredTheListIsEmpty() {
    String alice = Api.uniqueName("alice");
    String token = api.register(alice);
    Api.Response r = api.get("/api/calls/ice-servers", token);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getJsonArray("iceServers")).isEmpty();
    assertThat(api.get("/api/calls/ice-servers", null).status()).isEqualTo(401);
  }

  @Test
  void turnServersGetTimeLimitedCredentialsTheTurnServerCanCheck() throws Exception {
    restartWith(Map.of(
        "ICE_SERVERS", "stun:stun.example.org:3478, turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349",
        "TURN_SECRET", SECRET,
        "TURN_CREDENTIAL_TTL_S", "600"));
    String alice = Api.uniqueName("alice");
    String token = api.register(alice);
    long now = Instant.now().getEpochSecond();
    Api.Response r = api.get("/api/calls/ice-servers", token);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonArray servers = r.json().getJsonArray("iceServers");
    assertThat(servers).hasSize(2);
    assertThat(servers.getJsonObject(0)).isEqualTo(
        new JsonObject().put("urls", new JsonArray().add("stun:stun.example.org:3478")));
    JsonObject turn = servers.getJsonObject(1);
    assertThat(turn.getJsonArray("urls")).containsExactly(
        "turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349");
    String username = turn.getString("username");
    String[] parts = username.split(":", 2);
    assertThat(parts[1]).isEqualTo(alice);
    assertThat(Long.parseLong(parts[0])).isBetween(now + 600 - 5, now + 600 + 5);
    assertThat(turn.getString("credential")).isEqualTo(hmacSha1Base64(SECRET, username));
    assertThat(r.json().getLong("ttlSeconds")).isEqualTo(600);
  }

  @Test
  void aServerThatIsNoIceUrlStopsTheStart() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("ICE_SERVERS", "http://turn.example.org")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ICE_SERVERS");
  }

  /** What coturn computes with use-auth-secret: base64(HMAC-SHA1(static-auth-secret, username)). */
  private static String hmacSha1Base64(String secret, String username) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
  }
}
