package dev.pulse.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Replying to a message: the quote travels with the reply, and only within its conversation. */
class RepliesTest extends ThreePeopleTest {




  @Test
  void replyCarriesQuote() throws Exception {
    String longText = "Namaste Bob! ".repeat(12) + "the end";
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken);
        Client b2 = Client.connect(server.baseUrl(), bobToken)) {
      long original = sendText(a, bob, longText).getLong("id");
      long shortOne = sendText(a, bob, "Chai on Sunday?").getLong("id");

      JsonObject ack = b.call("send_message", new JsonObject().put("to", alice).put("message", "Yes, gladly")
          .put("replyTo", shortOne));
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
      JsonObject quote = new JsonObject().put("id", shortOne).put("from", alice).put("preview", "Chai on Sunday?");
      assertThat(ack.getJsonObject("replyTo")).isEqualTo(quote);
      long reply = ack.getLong("id");
      // the recipient live, and the sender's other tab
      assertThat(a.await("new_message", m -> m.getLong("id") == reply).getJsonObject("replyTo")).isEqualTo(quote);
      assertThat(b2.await("new_message", m -> m.getLong("id") == reply).getJsonObject("replyTo")).isEqualTo(quote);

      // a long text is quoted by its first 100 characters
      JsonObject second = b.call("send_message", new JsonObject().put("to", alice).put("message", "Same here")
          .put("replyTo", original));
      String preview = second.getJsonObject("replyTo").getString("preview");
      assertThat(preview).isEqualTo(longText.substring(0, 100).stripTrailing() + "…");
    }
    // history, for both of them, and after a restart of the server
    restartServer();
    for (String token : new String[] {aliceToken, bobToken}) {
      JsonArray items = api.history(token, token.equals(aliceToken) ? bob : alice);
      assertThat(items).hasSize(4);
      assertThat(items.getJsonObject(0).containsKey("replyTo")).isFalse();
      JsonObject quoted = items.getJsonObject(2).getJsonObject("replyTo");
      assertThat(quoted.getLong("id")).isEqualTo(items.getJsonObject(1).getLong("id"));
      assertThat(quoted.getString("from")).isEqualTo(alice);
      assertThat(quoted.getString("preview")).isEqualTo("Chai on Sunday?");
    }
  }

  @Test
  void replyToAnotherConversationIsRefused() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client c = Client.connect(server.baseUrl(), carolToken)) {
      long withCarol = sendText(a, carol, "Hi Carol").getLong("id");
      long carolsOwn = sendText(c, bob, "Hi Bob, Carol here").getLong("id");

      for (long elsewhere : new long[] {withCarol, carolsOwn, 999_999_999L}) {
        JsonObject ack = a.call("send_message", new JsonObject().put("to", bob).put("message", "Look at this")
            .put("replyTo", elsewhere));
        assertThat(ack.getBoolean("ok")).as(ack.encode()).isFalse();
        assertThat(ack.getJsonObject("error").getString("code")).isEqualTo("bad_request");
        assertThat(ack.getJsonObject("error").getString("message")).contains("replyTo");
      }
      JsonObject wrongType = a.call("send_message", new JsonObject().put("to", bob).put("message", "x")
          .put("replyTo", "first"));
      assertThat(wrongType.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      // over REST alike
      Api.Response rest = api.post("/api/messages", aliceToken,
          new JsonObject().put("to", bob).put("message", "again").put("replyTo", withCarol));
      assertThat(rest.status()).isEqualTo(400);
    }
    // nothing was stored
    assertThat(api.history(aliceToken, bob)).isEmpty();
  }
}
