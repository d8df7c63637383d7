package dev.pulse.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Client;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reactions: live to both members on every connection, kept in history, refused to others. */
class ReactionsTest extends ThreePeopleTest {
  static final String HEART = "❤️";
  static final String THUMBS_UP = "👍";
  static final String LAUGH = "😂";



  private static long send(Client from, String to, String text) {
    return sendText(from, to, text).getLong("id");
  }

  private static JsonObject react(Client who, long messageId, String emoji) {
    return who.call("react", new JsonObject().put("messageId", messageId).put("emoji", emoji));
  }

  private static boolean is(JsonObject event, long id, String by, String emoji) {
    return event.getLong("messageId") == id && by.equals(event.getString("by"))
        && java.util.Objects.equals(emoji, event.getString("emoji"));
  }

  @Test
  void reactionReachesBothSidesLive() {
    try (Client a1 = Client.connect(server.baseUrl(), aliceToken);
        Client a2 = Client.connect(server.baseUrl(), aliceToken);
        Client b1 = Client.connect(server.baseUrl(), bobToken);
        Client b2 = Client.connect(server.baseUrl(), bobToken)) {
      long id = send(a1, bob, "Shall we meet at the temple fair?");

      JsonObject ack = react(b1, id, HEART);
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
      assertThat(ack.getString("emoji")).isEqualTo(HEART);
      for (Client c : new Client[] {a1, a2, b1, b2}) {
        c.await("message_reaction", e -> is(e, id, bob, HEART));
      }
      // another emoji replaces it; the same again takes it back
      assertThat(react(b2, id, LAUGH).getString("emoji")).isEqualTo(LAUGH);
      a1.await("message_reaction", e -> is(e, id, bob, LAUGH));
      JsonObject again = react(b1, id, LAUGH);
      assertThat(again.getBoolean("ok")).isTrue();
      assertThat(again.getValue("emoji")).isNull();
      for (Client c : new Client[] {a1, a2, b1, b2}) {
        c.await("message_reaction", e -> is(e, id, bob, null));
      }
      // the sender reacts to her own message too; null takes it back
      react(a2, id, THUMBS_UP);
      b1.await("message_reaction", e -> is(e, id, alice, THUMBS_UP));
      react(a2, id, null);
      b1.await("message_reaction", e -> is(e, id, alice, null));
    }
  }

  @Test
  void reactionIsPersistedInHistory() throws Exception {
    long id;
    long plain;
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      plain = send(a, bob, "Good morning");
      id = send(a, bob, "My parents liked your profile");
      react(b, id, THUMBS_UP);
      react(b, id, HEART);
      react(a, id, LAUGH);
    }
    // a first message waits in bob's requests; accepted, the pair is a conversation for both lists
    assertThat(api.post("/api/requests/" + alice + "/accept", bobToken, new JsonObject()).status()).isEqualTo(200);
    restartServer();
    for (String[] side : new String[][] {{aliceToken, bob}, {bobToken, alice}}) {
      JsonArray items = api.history(side[0], side[1]);
      assertThat(items.getJsonObject(0).getLong("id")).isEqualTo(plain);
      assertThat(items.getJsonObject(0).getJsonArray("reactions")).isEmpty();
      // one per person: bob's heart replaced his thumbs up
      assertThat(items.getJsonObject(1).getJsonArray("reactions")).containsExactlyInAnyOrder(
          new JsonObject().put("by", bob).put("emoji", HEART),
          new JsonObject().put("by", alice).put("emoji", LAUGH));
      JsonObject last = api.get("/api/conversations", side[0]).json().getJsonArray("items").getJsonObject(0)
          .getJsonObject("lastMessage");
      assertThat(last.getLong("id")).isEqualTo(id);
      assertThat(last.getJsonArray("reactions")).hasSize(2);
    }
  }

  @Test
  void strangerCannotReact() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken);
        Client c = Client.connect(server.baseUrl(), carolToken)) {
      long id = send(a, bob, "Just between us");

      JsonObject stranger = react(c, id, HEART);
      assertThat(stranger.getBoolean("ok")).isFalse();
      // answered as a message that does not exist, so she learns nothing of it
      assertThat(stranger.getJsonObject("error").getString("code")).isEqualTo("not_found");
      assertThat(react(c, 999_999_999L, HEART).getJsonObject("error").getString("code")).isEqualTo("not_found");

      JsonObject odd = react(b, id, "🍕");
      assertThat(odd.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      assertThat(odd.getJsonObject("error").getString("message")).contains(THUMBS_UP);

      // a block stops reactions both ways
      assertThat(api.put("/api/blocks/" + bob, aliceToken, null).status()).isEqualTo(204);
      assertThat(react(b, id, HEART).getJsonObject("error").getString("code")).isEqualTo("forbidden");
      assertThat(react(a, id, HEART).getJsonObject("error").getString("code")).isEqualTo("forbidden");

      Client.pause(Duration.ofMillis(300));
      for (Client x : new Client[] {a, b, c}) {
        assertThat(x.received("message_reaction")).isEmpty();
      }
    }
    assertThat(api.history(aliceToken, bob).getJsonObject(0).getJsonArray("reactions")).isEmpty();
  }

  @Test
  void reactionsAreRateLimited() throws Exception {
    restartWith(Map.of("REACTIONS_PER_MINUTE", "1", "REACTION_BURST", "3"));
    aliceToken = api.register(alice);
    bobToken = api.register(bob);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      long id = send(a, bob, "React away");
      for (int i = 0; i < 3; i++) {
        assertThat(react(b, id, i % 2 == 0 ? HEART : THUMBS_UP).getBoolean("ok")).isTrue();
      }
      JsonObject refused = react(b, id, LAUGH);
      assertThat(refused.getBoolean("ok")).isFalse();
      assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("rate_limited");
      // messages have a bucket of their own
      send(b, alice, "still talking");
    }
  }
}
