package dev.pulse.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Message requests: a first message from a stranger is delivered live but filed under the
 * recipient's Requests; accepting or replying makes it a conversation, declining closes it to
 * the sender without telling them so.
 */
class MessageRequestsTest extends ServerTest {
  static final Duration SETTLE = Duration.ofMillis(400);

  String asha;
  String ashaToken;
  String ravi;
  String raviToken;

  @BeforeEach
  void strangers() {
    asha = Api.uniqueName("asha");
    ashaToken = api.register(asha);
    ravi = Api.uniqueName("ravi");
    raviToken = api.register(ravi);
  }

  private static JsonObject ok(JsonObject ack) {
    assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
    return ack;
  }

  private List<String> withs(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("with")).toList();
  }

  private JsonObject conversations(String token) {
    Response r = api.get("/api/conversations", token);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  private JsonArray requests(String token) {
    Response r = api.get("/api/requests", token);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().getJsonArray("items");
  }

  private Response answer(String token, String requester, String answer) {
    return api.post("/api/requests/" + requester + "/" + answer, token, new JsonObject());
  }

  @Test
  void firstMessageFromStrangerLandsInRequests() {
    try (Client a = Client.connect(server.baseUrl(), ashaToken);
        Client r = Client.connect(server.baseUrl(), raviToken)) {
      JsonObject ack = ok(a.send(ravi, "Namaste Ravi, I liked your profile"));
      assertThat(ack.getBoolean("request")).isTrue();
      // delivered live as any message, marked as a request
      JsonObject live = r.await("new_message", m -> m.getLong("id").equals(ack.getLong("id")));
      assertThat(live.getBoolean("request")).isTrue();
      assertThat(live.getString("message")).isEqualTo("Namaste Ravi, I liked your profile");

      JsonObject ravis = conversations(raviToken);
      assertThat(ravis.getJsonArray("items")).isEmpty();
      assertThat(ravis.getInteger("pendingRequests")).isEqualTo(1);
      JsonArray waiting = requests(raviToken);
      assertThat(withs(waiting)).containsExactly(asha);
      JsonObject request = waiting.getJsonObject(0);
      assertThat(request.getJsonObject("lastMessage").getLong("id")).isEqualTo(ack.getLong("id"));
      assertThat(request.getInteger("unread")).isEqualTo(1);
      assertThat(request.getString("displayName")).isEqualTo("User " + asha);
      assertThat(request.getJsonObject("presence").getBoolean("online")).isTrue();
      // the message is in the history for both, and the sender's list shows the conversation
      assertThat(api.history(raviToken, asha)).hasSize(1);
      assertThat(withs(conversations(ashaToken).getJsonArray("items"))).containsExactly(ravi);
      assertThat(conversations(ashaToken).getInteger("pendingRequests")).isZero();
      assertThat(requests(ashaToken)).isEmpty();

      // more messages before an answer stay in the request
      JsonObject second = ok(a.send(ravi, "Would you like to talk?"));
      assertThat(second.getBoolean("request")).isTrue();
      assertThat(r.await("new_message", m -> m.getLong("id").equals(second.getLong("id"))).getBoolean("request"))
          .isTrue();
      assertThat(requests(raviToken).getJsonObject(0).getInteger("unread")).isEqualTo(2);
      assertThat(conversations(raviToken).getInteger("pendingRequests")).isEqualTo(1);
    }
  }

  @Test
  void acceptingARequestMakesItAConversation() throws Exception {
    try (Client a = Client.connect(server.baseUrl(), ashaToken);
        Client r1 = Client.connect(server.baseUrl(), raviToken);
        Client r2 = Client.connect(server.baseUrl(), raviToken)) {
      ok(a.send(ravi, "Hello"));
      Response accepted = answer(raviToken, asha, "accept");
      assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
      assertThat(accepted.json()).isEqualTo(new JsonObject().put("with", asha).put("status", "accepted"));
      for (Client c : new Client[] {r1, r2, a}) {
        JsonObject update = c.await("message_request_update");
        assertThat(update.getString("from")).isEqualTo(asha);
        assertThat(update.getString("to")).isEqualTo(ravi);
        assertThat(update.getString("status")).isEqualTo("accepted");
      }
      JsonObject ravis = conversations(raviToken);
      assertThat(withs(ravis.getJsonArray("items"))).containsExactly(asha);
      assertThat(ravis.getInteger("pendingRequests")).isZero();
      assertThat(requests(raviToken)).isEmpty();

      JsonObject next = ok(a.send(ravi, "Thank you"));
      assertThat(next.getBoolean("request")).isFalse();
      assertThat(r1.await("new_message", m -> m.getLong("id").equals(next.getLong("id"))).containsKey("request"))
          .isFalse();
      // answering again changes nothing; declining what was accepted is refused
      assertThat(answer(raviToken, asha, "accept").status()).isEqualTo(200);
      Response late = answer(raviToken, asha, "decline");
      assertThat(late.status()).isEqualTo(409);
      assertThat(late.errorCode()).isEqualTo("conflict");
    }
    // accepted for good: also after a restart, when no node remembers it
    restartServer();
    try (Client a = Client.connect(server.baseUrl(), ashaToken)) {
      assertThat(ok(a.send(ravi, "Still there?")).getBoolean("request")).isFalse();
    }
  }

  @Test
  void declinedRequestRefusesMoreMessages() {
    try (Client a = Client.connect(server.baseUrl(), ashaToken);
        Client r1 = Client.connect(server.baseUrl(), raviToken);
        Client r2 = Client.connect(server.baseUrl(), raviToken)) {
      ok(a.send(ravi, "Hello"));
      Response declined = answer(raviToken, asha, "decline");
      assertThat(declined.status()).as(declined.text()).isEqualTo(200);
      assertThat(declined.json().getString("status")).isEqualTo("declined");
      // every tab of the one who declined hears it; the sender is not told
      r1.await("message_request_update", u -> u.getString("status").equals("declined"));
      r2.await("message_request_update", u -> u.getString("status").equals("declined"));
      Client.pause(SETTLE);
      assertThat(a.received("message_request_update")).isEmpty();
      // gone from the recipient's lists
      assertThat(requests(raviToken)).isEmpty();
      assertThat(conversations(raviToken).getJsonArray("items")).isEmpty();
      assertThat(conversations(raviToken).getInteger("pendingRequests")).isZero();

      JsonObject refused = a.send(ravi, "Why not?");
      assertThat(refused.getBoolean("ok")).isFalse();
      JsonObject error = refused.getJsonObject("error");
      assertThat(error.getString("code")).isEqualTo("request_closed");
      assertThat(error.getString("message")).contains("can't send " + ravi + " more messages")
          .doesNotContainIgnoringCase("declin").doesNotContainIgnoringCase("reject");
      Response overRest = api.post("/api/messages", ashaToken, new JsonObject().put("to", ravi).put("message", "hi"));
      assertThat(overRest.status()).isEqualTo(403);
      assertThat(overRest.errorCode()).isEqualTo("request_closed");
      assertThat(api.history(ashaToken, ravi)).as("nothing more was stored").hasSize(1);
      Client.pause(SETTLE);
      assertThat(r1.received("new_message")).hasSize(1);

      // if the one who declined writes after all, the conversation is open both ways
      assertThat(ok(r1.send(asha, "Sorry, let us talk")).getBoolean("request")).isFalse();
      assertThat(ok(a.send(ravi, "Gladly")).getBoolean("request")).isFalse();
      assertThat(withs(conversations(raviToken).getJsonArray("items"))).containsExactly(asha);
    }
  }

  @Test
  void replyAcceptsTheRequest() {
    try (Client a = Client.connect(server.baseUrl(), ashaToken);
        Client r = Client.connect(server.baseUrl(), raviToken)) {
      ok(a.send(ravi, "Hello Ravi"));
      JsonObject reply = ok(r.send(asha, "Hello Asha"));
      assertThat(reply.getBoolean("request")).isFalse();
      a.await("message_request_update", u -> u.getString("status").equals("accepted") && u.getString("from").equals(asha));
      assertThat(a.await("new_message", m -> m.getLong("id").equals(reply.getLong("id"))).containsKey("request"))
          .isFalse();
      assertThat(requests(raviToken)).isEmpty();
      assertThat(withs(conversations(raviToken).getJsonArray("items"))).containsExactly(asha);
      assertThat(ok(a.send(ravi, "How are you?")).getBoolean("request")).isFalse();
    }
  }

  @Test
  void requestArrivesLiveOnEveryTab() {
    try (Client a = Client.connect(server.baseUrl(), ashaToken);
        Client r1 = Client.connect(server.baseUrl(), raviToken);
        Client r2 = Client.connect(server.baseUrl(), raviToken);
        Client a2 = Client.connect(server.baseUrl(), ashaToken)) {
      long id = ok(a.send(ravi, "First words")).getLong("id");
      for (Client tab : new Client[] {r1, r2}) {
        assertThat(tab.await("new_message", m -> m.getLong("id") == id).getBoolean("request")).isTrue();
      }
      // the sender's other tab has it too
      a2.await("new_message", m -> m.getLong("id") == id);
      // confirmed by a tab of the recipient: delivered, as any message
      assertThat(a.await("message_delivered").getLong("upToId")).isEqualTo(id);
    }
    // a request sent while the recipient was away is still one when they connect
    long later;
    try (Client a = Client.connect(server.baseUrl(), ashaToken)) {
      later = ok(a.send(ravi, "Are you there?")).getLong("id");
    }
    try (Client r = Client.connect(server.baseUrl(), raviToken)) {
      assertThat(r.await("new_message", m -> m.getLong("id") == later).getBoolean("request")).isTrue();
    }
  }

  @Test
  void anAcceptedInterestMeansNoRequest() {
    api.post("/api/interests/" + ravi, ashaToken, new JsonObject());
    api.post("/api/interests/" + asha + "/accept", raviToken, new JsonObject());
    try (Client a = Client.connect(server.baseUrl(), ashaToken)) {
      assertThat(ok(a.send(ravi, "We matched!")).getBoolean("request")).isFalse();
    }
    assertThat(withs(conversations(raviToken).getJsonArray("items"))).containsExactly(asha);
  }

  /** Waits until the conversation between the token's user and {@code other} holds {@code size} entries. */
  private void awaitHistory(String token, String other, int size) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> api.history(token, other).size() == size);
  }

  @Test
  void aCallOpensTheConversationOnlyWhenAnswered() {
    String kiran = Api.uniqueName("kiran");
    String kiranToken = api.register(kiran);
    try (Client a = Client.connect(server.baseUrl(), ashaToken);
        Client r = Client.connect(server.baseUrl(), raviToken);
        Client k = Client.connect(server.baseUrl(), kiranToken)) {
      // a stranger's call that nobody answered is no conversation
      String missed = ok(a.call("call_invite", new JsonObject().put("to", ravi).put("kind", "audio")))
          .getString("callId");
      r.await("call_incoming", e -> e.getString("callId").equals(missed));
      ok(a.call("call_cancel", new JsonObject().put("callId", missed)));
      awaitHistory(ashaToken, ravi, 1);
      assertThat(ok(a.send(ravi, "Sorry, wrong moment")).getBoolean("request")).isTrue();

      // one that was answered is
      String answered = ok(a.call("call_invite", new JsonObject().put("to", kiran).put("kind", "audio")))
          .getString("callId");
      k.await("call_incoming", e -> e.getString("callId").equals(answered));
      ok(k.call("call_accept", new JsonObject().put("callId", answered)));
      ok(a.call("call_hangup", new JsonObject().put("callId", answered)));
      awaitHistory(ashaToken, kiran, 1);
      assertThat(ok(a.send(kiran, "Lovely talking to you")).getBoolean("request")).isFalse();
    }
  }

  @Test
  void onlyTheRecipientAnswersARequest() {
    try (Client a = Client.connect(server.baseUrl(), ashaToken)) {
      ok(a.send(ravi, "Hello"));
    }
    Response own = answer(ashaToken, ravi, "accept");
    assertThat(own.status()).isEqualTo(404);
    assertThat(own.json().getJsonObject("error").getString("message"))
        .isEqualTo(ravi + " has not sent you a message request");
    assertThat(answer(raviToken, Api.uniqueName("ghost"), "decline").status()).isEqualTo(404);
    assertThat(api.post("/api/requests/" + asha + "/accept", null, new JsonObject()).status()).isEqualTo(401);
    assertThat(requests(raviToken)).hasSize(1);
  }
}
