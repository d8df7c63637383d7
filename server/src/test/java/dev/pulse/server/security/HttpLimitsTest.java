package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.EmbeddedServerTest;
import dev.pulse.server.testing.PulseFixture;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every REST failure has one JSON shape and the documented status; size limits hold. */
class HttpLimitsTest extends EmbeddedServerTest {
  static final int BODY_MAX = 2048;
  static final int MESSAGE_MAX = 50;

  @Override
  protected Map<String, String> env() {
    return Map.of(
        "HTTP_BODY_MAX_BYTES", Integer.toString(BODY_MAX),
        "MESSAGE_MAX_LENGTH", Integer.toString(MESSAGE_MAX));
  }

  @Test
  void badTokensGetUnauthorized() {
    assertError(api.get("/api/me", null), 401, "unauthorized", "Missing token");
    assertError(api.get("/api/me", "garbage"), 401, "unauthorized", "Invalid token");
    assertError(api.raw(api.request("/api/me").GET().header("Authorization", "Basic dXNlcjpwYXNz")),
        401, "unauthorized", "Missing token");
    assertError(api.post("/api/messages", "garbage", new JsonObject().put("to", "x").put("message", "hi")),
        401, "unauthorized", "Invalid token");

    String bob = Api.uniqueName("bob");
    String bobSession = JWT.decode(api.register(bob)).getClaim("sid").asString();
    Instant now = Instant.now();
    Algorithm ours = Algorithm.HMAC256(PulseFixture.JWT_SECRET);
    String expired = JWT.create().withSubject(bob).withClaim("sid", bobSession).withIssuedAt(now.minus(2, ChronoUnit.HOURS))
        .withExpiresAt(now.minus(1, ChronoUnit.HOURS)).sign(ours);
    assertError(api.get("/api/me", expired), 401, "unauthorized", "Token expired");
    String foreign = JWT.create().withSubject(bob).withExpiresAt(now.plus(1, ChronoUnit.HOURS))
        .sign(Algorithm.HMAC256("another-secret-another-secret-0123456789"));
    assertError(api.get("/api/me", foreign), 401, "unauthorized", "Invalid token");
    // a well-signed token naming nobody is refused like any bad token, on every route
    String ghost = JWT.create().withSubject(Api.uniqueName("ghost")).withClaim("sid", bobSession).withIssuedAt(now)
        .withExpiresAt(now.plus(1, ChronoUnit.HOURS)).sign(ours);
    assertError(api.get("/api/me", ghost), 401, "unauthorized", "Unknown user");
    assertError(api.post("/api/messages", ghost, new JsonObject().put("to", bob).put("message", "boo")),
        401, "unauthorized", "Unknown user");
    assertError(api.put("/api/blocks/" + bob, ghost, null), 401, "unauthorized", "Unknown user");
    assertError(api.put("/api/me/status", ghost, new JsonObject().put("status", "busy")), 401, "unauthorized", "Unknown user");
  }

  @Test
  void malformedJsonIsBadRequest() {
    String token = api.register(Api.uniqueName("alice"));
    for (String body : new String[] {"{not json", "[1, 2]", "\"just a string\"", ""}) {
      Api.Response r = api.raw(api.request("/api/messages").POST(HttpRequest.BodyPublishers.ofString(body))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + token));
      assertError(r, 400, "bad_request", null);
    }
    Api.Response register = api.raw(api.request("/api/auth/register")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":"))
        .header("Content-Type", "application/json"));
    assertError(register, 400, "bad_request", "The body must be a JSON object");
  }

  @Test
  void bodyOverLimitIsPayloadTooLarge() {
    String token = api.register(Api.uniqueName("alice"));
    String big = new JsonObject().put("to", "someone").put("message", "x".repeat(BODY_MAX * 2)).encode();
    Api.Response sized = api.raw(api.request("/api/messages").POST(HttpRequest.BodyPublishers.ofString(big))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token));
    assertError(sized, 413, "payload_too_large", "The request body is too large");
    // without a Content-Length the limit is counted as the body arrives
    Api.Response chunked = api.raw(api.request("/api/auth/register")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
        .header("Content-Type", "application/json"));
    assertError(chunked, 413, "payload_too_large", "The request body is too large");
    // just under the limit is read (and then judged on its content)
    String fits = new JsonObject().put("to", "someone").put("message", "x".repeat(BODY_MAX - 100)).encode();
    Api.Response under = api.raw(api.request("/api/messages").POST(HttpRequest.BodyPublishers.ofString(fits))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token));
    assertError(under, 400, "message_too_long", null);
  }

  @Test
  void unknownRouteIsNotFound() {
    String token = api.register(Api.uniqueName("alice"));
    assertError(api.get("/api/no-such-thing", token), 404, "not_found", "No such route: GET /api/no-such-thing");
    assertError(api.post("/api/profiles/search/deeper", token, new JsonObject()), 404, "not_found", null);
    assertError(api.get("/api/profiles/" + Api.uniqueName("nobody"), token), 404, "not_found", null);
  }

  @Test
  void messageOverMaxLengthIsRefused() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    String longest = "y".repeat(MESSAGE_MAX);
    String tooLong = "z".repeat(MESSAGE_MAX + 1);
    String expected = "A message can be at most " + MESSAGE_MAX + " characters; this one has " + (MESSAGE_MAX + 1);
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      JsonObject ack = a.call("send_message", new JsonObject().put("to", bob).put("message", tooLong));
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isFalse();
      assertThat(ack.getJsonObject("error")).isEqualTo(new JsonObject().put("code", "message_too_long").put("message", expected));
      assertError(api.post("/api/messages", aliceToken, new JsonObject().put("to", bob).put("message", tooLong)),
          400, "message_too_long", expected);

      JsonObject fits = a.call("send_message", new JsonObject().put("to", bob).put("message", longest));
      assertThat(fits.getBoolean("ok")).as(fits.encode()).isTrue();
      assertThat(api.post("/api/messages", aliceToken, new JsonObject().put("to", bob).put("message", longest)).status())
          .isEqualTo(201);
    }
    assertThat(api.history(bobToken, alice)).extracting(m -> ((JsonObject) m).getString("message"))
        .containsExactly(longest, longest);
  }

  @Test
  void historyTellsClientsTheConfiguredMessageLimit() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    api.register(alice);
    String bobToken = api.register(bob);
    // even an empty conversation says it: a composer needs the limit before the first message
    Api.Response page = api.get("/api/conversations/" + alice + "/messages", bobToken);
    assertThat(page.status()).as(page.text()).isEqualTo(200);
    assertThat(page.json().getInteger("messageMaxLength")).isEqualTo(MESSAGE_MAX);
  }

  /** Checks status and {@code {"error": {"code", "message"}}}; {@code message} null = any text. */
  private static void assertError(Api.Response r, int status, String code, String message) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(r.json().fieldNames()).containsExactly("error");
    JsonObject error = r.json().getJsonObject("error");
    assertThat(error.fieldNames()).containsExactlyInAnyOrder("code", "message");
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
    if (message != null) {
      assertThat(error.getString("message")).isEqualTo(message);
    }
  }
}
