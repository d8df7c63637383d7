package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.EmbeddedServerTest;
import dev.pulse.server.testing.PulseFixture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who a socket is comes from its token only: bad tokens are refused, named identities checked. */
class SocketAuthTest extends EmbeddedServerTest {
  /** Time for an event already emitted on the server to reach a local client. */
  static final long SETTLE_MS = 300;

  @Test
  void connectWithoutTokenIsRefused() throws Exception {
    String alice = Api.uniqueName("alice");
    String aliceToken = api.register(alice);
    Instant now = Instant.now();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(null, "missing token");
    expected.put("", "missing token");
    expected.put("garbage", "invalid token");
    expected.put("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA", "invalid token"); // JWT-shaped, wrong signature
    expected.put(JWT.create().withSubject(alice).withIssuedAt(now).withExpiresAt(now.plus(1, ChronoUnit.HOURS))
        .sign(Algorithm.HMAC256("another-secret-another-secret-0123456789")), "invalid token");
    expected.put(JWT.create().withSubject(alice).withIssuedAt(now).withExpiresAt(now.plus(1, ChronoUnit.HOURS))
        .sign(Algorithm.none()), "invalid token");
    String aliceSession = JWT.decode(aliceToken).getClaim("sid").asString();
    expected.put(JWT.create().withSubject(alice).withClaim("sid", aliceSession).withIssuedAt(now.minus(2, ChronoUnit.HOURS))
        .withExpiresAt(now.minus(1, ChronoUnit.HOURS))
        .sign(Algorithm.HMAC256(PulseFixture.JWT_SECRET)), "token expired");
    String ghost = Api.uniqueName("ghost");
    expected.put(JWT.create().withSubject(ghost).withClaim("sid", aliceSession).withIssuedAt(now).withExpiresAt(now.plus(1, ChronoUnit.HOURS))
        .sign(Algorithm.HMAC256(PulseFixture.JWT_SECRET)), "unknown user");

    List<Client> refused = new ArrayList<>();
    try (Client watcher = Client.connect(server.baseUrl(), aliceToken)) {
      // the same secret with a live token and a real user is accepted: the refusals below are about the token
      assertThat(watcher.await("connection_established").getString("username")).isEqualTo(alice);
      for (Map.Entry<String, String> c : expected.entrySet()) {
        Client client = Client.open(server.baseUrl(), c.getKey());
        refused.add(client);
        assertThat(client.outcome()).as("token %s", c.getKey()).isEqualTo("error: " + c.getValue());
      }
      Thread.sleep(SETTLE_MS);
      for (Client client : refused) {
        assertThat(client.connected()).isFalse();
        assertThat(client.received("connection_established")).isEmpty();
        assertThat(client.received("online_count_update")).isEmpty();
      }
      // nobody but alice came online: the unknown user never counted for presence
      assertThat(watcher.hasReceived("user_online", p -> ghost.equals(p.getString("username")))).isFalse();
      assertThat(api.get("/api/users/online-status/count", aliceToken).json().getInteger("count")).isEqualTo(1);
    } finally {
      refused.forEach(Client::close);
    }
  }

  @Test
  void spoofedSenderIsRefused() throws Exception {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String carol = Api.uniqueName("carol");
    String aliceToken = api.register(alice);
    api.register(bob);
    String carolToken = api.register(carol);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client c = Client.connect(server.baseUrl(), carolToken)) {
      a.await("connection_established");
      c.await("connection_established");

      JsonObject ack = a.call("send_message", new JsonObject().put("from", bob).put("to", carol).put("message", "It is me, bob"));
      assertForbidden(ack, "'from' cannot name someone else");

      JsonObject typingAck = a.call("user_typing", new JsonObject().put("username", bob).put("to", carol).put("isTyping", true));
      assertForbidden(typingAck, "'username' cannot name someone else");
      // without an ack the refusal still arrives, as an error event naming the event
      a.emit("user_typing", new JsonObject().put("username", bob).put("to", carol).put("isTyping", true));
      a.emit("user_typing", new JsonObject().put("from", bob).put("to", carol).put("isTyping", true));
      await().atMost(Duration.ofSeconds(10)).until(() -> a.received("error").size() == 2);
      for (Client.Event e : a.received("error")) {
        assertThat(e.payload().getString("code")).isEqualTo("forbidden");
        assertThat(e.payload().getString("event")).isEqualTo("user_typing");
      }

      assertForbidden(a.call("user_online", new JsonObject().put("username", bob)), "'username' cannot name someone else");

      Api.Response rest = api.post("/api/messages", aliceToken,
          new JsonObject().put("from", bob).put("to", carol).put("message", "It is me, bob"));
      assertThat(rest.status()).isEqualTo(403);
      assertThat(rest.errorCode()).isEqualTo("forbidden");

      // each refusal was decided before anything was sent to carol; give strays time to arrive
      Thread.sleep(SETTLE_MS);
      assertThat(c.received("new_message")).isEmpty();
      assertThat(c.received("user_typing")).isEmpty();
      assertThat(api.history(carolToken, alice)).isEmpty();
      assertThat(api.history(carolToken, bob)).isEmpty();
      assertThat(api.get("/api/conversations", carolToken).json().getJsonArray("items")).isEmpty();

      // naming yourself is fine
      JsonObject own = a.call("send_message", new JsonObject().put("from", alice).put("to", carol).put("message", "Really alice"));
      assertThat(own.getBoolean("ok")).as(own.encode()).isTrue();
      JsonObject got = c.await("new_message", m -> own.getLong("id").equals(m.getLong("id")));
      assertThat(got.getString("from")).isEqualTo(alice);
      Api.Response ownRest = api.post("/api/messages", aliceToken,
          new JsonObject().put("from", alice).put("to", carol).put("message", "Also alice"));
      assertThat(ownRest.status()).as(ownRest.text()).isEqualTo(201);
      assertThat(ownRest.json().getString("from")).isEqualTo(alice);
      a.emit("user_typing", new JsonObject().put("username", alice).put("to", carol).put("isTyping", true));
      assertThat(c.await("user_typing").getString("from")).isEqualTo(alice);
      JsonObject online = a.call("user_online", new JsonObject().put("username", alice));
      assertThat(online.getBoolean("ok")).as(online.encode()).isTrue();
      assertThat(online.getString("username")).isEqualTo(alice);

      assertThat(api.history(carolToken, alice)).extracting(m -> ((JsonObject) m).getString("message"))
          .containsExactly("Really alice", "Also alice");
      assertThat(api.history(carolToken, bob)).isEmpty();
    }
  }

  private static void assertForbidden(JsonObject ack, String messagePart) {
    assertThat(ack.getBoolean("ok")).as(ack.encode()).isFalse();
    assertThat(ack.getJsonObject("error").getString("code")).isEqualTo("forbidden");
    assertThat(ack.getJsonObject("error").getString("message")).contains(messagePart);
  }
}
