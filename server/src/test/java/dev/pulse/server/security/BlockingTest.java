package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user who blocks someone can't be messaged or typed at by them, and disappears from their view. */
class BlockingTest extends ServerTest {
  /**
   * Time for an event already emitted on the server to reach a local client. Every absence below
   * is checked after the server answered (ack, error event) or after a third user got the same
   * broadcast, so anything that was going to be sent has been sent.
   */
  static final long SETTLE_MS = 300;
  static final JsonObject HIDDEN = new JsonObject().put("online", false).put("status", "offline")
      .putNull("statusText").putNull("lastSeen");

  @Test
  void blockedUserCannotMessageOrType() throws Exception {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b1 = Client.connect(server.baseUrl(), bobToken);
        Client b2 = Client.connect(server.baseUrl(), bobToken)) {
      b2.await("connection_established");
      Instant before = Instant.now().minusSeconds(1);
      assertThat(api.put("/api/blocks/" + alice, bobToken, null).status()).isEqualTo(204);
      // idempotent
      assertThat(api.put("/api/blocks/" + alice, bobToken, null).status()).isEqualTo(204);

      JsonArray blocks = api.get("/api/blocks", bobToken).json().getJsonArray("items");
      assertThat(blocks).hasSize(1);
      assertThat(blocks.getJsonObject(0).getString("username")).isEqualTo(alice);
      Instant since = Instant.parse(blocks.getJsonObject(0).getString("since"));
      assertThat(since).isBetween(before, Instant.now().plusSeconds(1));
      assertThat(api.get("/api/blocks", aliceToken).json().getJsonArray("items")).isEmpty();

      JsonObject ack = a.call("send_message", new JsonObject().put("to", bob).put("message", "Please answer"));
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isFalse();
      assertThat(ack.getJsonObject("error").getString("code")).isEqualTo("forbidden");

      a.emit("user_typing", new JsonObject().put("to", bob).put("isTyping", true));
      JsonObject error = a.await("error");
      assertThat(error.getString("code")).isEqualTo("forbidden");
      assertThat(error.getString("event")).isEqualTo("user_typing");

      Api.Response rest = api.post("/api/messages", aliceToken, new JsonObject().put("to", bob).put("message", "Over REST"));
      assertThat(rest.status()).isEqualTo(403);
      assertThat(rest.errorCode()).isEqualTo("forbidden");

      Thread.sleep(SETTLE_MS);
      for (Client b : List.of(b1, b2)) {
        assertThat(b.received("new_message")).isEmpty();
        assertThat(b.received("user_typing")).isEmpty();
      }
      assertThat(api.history(bobToken, alice)).isEmpty();
      assertThat(api.history(aliceToken, bob)).isEmpty();

      assertThat(api.delete("/api/blocks/" + alice, bobToken).status()).isEqualTo(204);
      assertThat(api.get("/api/blocks", bobToken).json().getJsonArray("items")).isEmpty();

      JsonObject again = a.call("send_message", new JsonObject().put("to", bob).put("message", "Hello again"));
      assertThat(again.getBoolean("ok")).as(again.encode()).isTrue();
      assertThat(again.getString("status")).isEqualTo("sent");
      for (Client b : List.of(b1, b2)) {
        assertThat(b.await("new_message").getLong("id")).isEqualTo(again.getLong("id"));
      }
      a.emit("user_typing", new JsonObject().put("to", bob).put("isTyping", true));
      for (Client b : List.of(b1, b2)) {
        assertThat(b.await("user_typing").getString("from")).isEqualTo(alice);
      }
      Api.Response restAgain = api.post("/api/messages", aliceToken, new JsonObject().put("to", bob).put("message", "And REST"));
      assertThat(restAgain.status()).as(restAgain.text()).isEqualTo(201);
      assertThat(api.history(bobToken, alice)).extracting(m -> ((JsonObject) m).getString("message"))
          .containsExactly("Hello again", "And REST");
      assertThat(a.received("error")).hasSize(1);
    }
  }

  @Test
  void blockedUserDoesNotSeePresence() throws Exception {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String carol = Api.uniqueName("carol");
    String dave = Api.uniqueName("dave");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    String carolToken = api.register(carol);
    String daveToken = api.register(dave);
    assertThat(api.put("/api/blocks/" + alice, bobToken, null).status()).isEqualTo(204);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client c = Client.connect(server.baseUrl(), carolToken);
        Client d = Client.connect(server.baseUrl(), daveToken)) {
      a.await("connection_established");
      c.await("connection_established");
      d.await("connection_established");

      // bob comes and goes once, so that he has a last-seen time alice must not learn
      try (Client b = Client.connect(server.baseUrl(), bobToken)) {
        c.await("user_online", p -> bob.equals(p.getString("username")));
        d.await("user_online", p -> bob.equals(p.getString("username")));
      }
      JsonObject offline = c.await("user_offline", p -> bob.equals(p.getString("username")));
      assertThat(offline.getString("lastSeen")).isNotNull();
      Thread.sleep(SETTLE_MS);
      assertThat(a.hasReceived("user_online", p -> bob.equals(p.getString("username")))).isFalse();
      assertThat(a.hasReceived("user_offline", p -> bob.equals(p.getString("username")))).isFalse();

      JsonObject statusAsAlice = api.get("/api/users/online-status/" + bob, aliceToken).json();
      assertThat(statusAsAlice).isEqualTo(new JsonObject().put("username", bob).mergeIn(HIDDEN));
      JsonObject statusAsCarol = api.get("/api/users/online-status/" + bob, carolToken).json();
      assertThat(statusAsCarol.getBoolean("online")).isFalse();
      assertThat(statusAsCarol.getString("lastSeen")).isNotNull();
      assertThat(api.get("/api/profiles/" + bob, aliceToken).json().getJsonObject("presence")).isEqualTo(HIDDEN);
      assertThat(api.get("/api/profiles/" + bob, carolToken).json().getJsonObject("presence").getString("lastSeen"))
          .isNotNull();

      try (Client b = Client.connect(server.baseUrl(), bobToken)) {
        c.await("user_online", p -> bob.equals(p.getString("username")) && c.received("user_online").stream()
            .filter(e -> bob.equals(e.payload().getString("username"))).count() == 2);
        Thread.sleep(SETTLE_MS);
        assertThat(a.hasReceived("user_online", p -> bob.equals(p.getString("username")))).isFalse();

        assertThat(api.get("/api/users/online-status/" + bob, aliceToken).json())
            .isEqualTo(new JsonObject().put("username", bob).mergeIn(HIDDEN));
        assertThat(api.get("/api/users/online-status/" + bob, carolToken).json().getBoolean("online")).isTrue();

        JsonObject listAsAlice = api.get("/api/users/online-status/users", aliceToken).json();
        assertThat(names(listAsAlice.getJsonArray("users"))).containsExactly(alice, carol, dave);
        assertThat(listAsAlice.getInteger("count")).isEqualTo(3);
        JsonObject listAsCarol = api.get("/api/users/online-status/users", carolToken).json();
        assertThat(names(listAsCarol.getJsonArray("users"))).containsExactly(alice, bob, carol, dave);
        assertThat(listAsCarol.getInteger("count")).isEqualTo(4);

        assertThat(api.get("/api/profiles/" + bob, aliceToken).json().getJsonObject("presence")).isEqualTo(HIDDEN);
        assertThat(api.get("/api/profiles/" + bob, carolToken).json().getJsonObject("presence").getBoolean("online"))
            .isTrue();
        // the profile itself stays visible; only presence is hidden
        assertThat(api.get("/api/profiles/" + bob, aliceToken).json().getString("username")).isEqualTo(bob);

        assertThat(names(api.get("/api/profiles/search?online=true", aliceToken).json().getJsonArray("items")))
            .containsExactlyInAnyOrder(carol, dave);
        assertThat(names(api.get("/api/profiles/search?online=true", carolToken).json().getJsonArray("items")))
            .containsExactlyInAnyOrder(alice, bob, dave);

        // a block made while bob is online applies at once to his presence broadcasts
        assertThat(api.put("/api/blocks/" + dave, bobToken, null).status()).isEqualTo(204);
        JsonObject busy = b.call("set_status", new JsonObject().put("status", "busy").put("text", "In a meeting"));
        assertThat(busy.getBoolean("ok")).as(busy.encode()).isTrue();
        JsonObject update = c.await("presence_update", p -> bob.equals(p.getString("username")));
        assertThat(update.getString("status")).isEqualTo("busy");
        assertThat(update.getString("statusText")).isEqualTo("In a meeting");
        Thread.sleep(SETTLE_MS);
        assertThat(a.hasReceived("presence_update", p -> bob.equals(p.getString("username")))).isFalse();
        assertThat(d.hasReceived("presence_update", p -> bob.equals(p.getString("username")))).isFalse();
        assertThat(api.get("/api/profiles/" + bob, aliceToken).json().getJsonObject("presence")).isEqualTo(HIDDEN);
        assertThat(api.get("/api/profiles/" + bob, daveToken).json().getJsonObject("presence")).isEqualTo(HIDDEN);
        assertThat(api.get("/api/profiles/" + bob, carolToken).json().getJsonObject("presence").getString("status"))
            .isEqualTo("busy");
      }
      // bob's last connection closed: carol and dave (blocked after he came online) see it or not
      c.await("user_offline", p -> bob.equals(p.getString("username")) && c.received("user_offline").stream()
          .filter(e -> bob.equals(e.payload().getString("username"))).count() == 2);
      Thread.sleep(SETTLE_MS);
      assertThat(a.hasReceived("user_offline", p -> bob.equals(p.getString("username")))).isFalse();
      // dave saw bob's first visit end, before the block; not this one
      assertThat(d.received("user_offline").stream().filter(e -> bob.equals(e.payload().getString("username"))))
          .hasSize(1);
      assertThat(api.get("/api/users/online-status/" + bob, aliceToken).json())
          .isEqualTo(new JsonObject().put("username", bob).mergeIn(HIDDEN));
    }
  }

  private static List<String> names(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("username")).toList();
  }
}
