package dev.pulse.server.interests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Interests and shortlists over REST, each change heard live by both people's connections. */
class InterestsTest extends ServerTest {
  String asha;
  String ashaToken;
  String ravi;
  String raviToken;

  @BeforeEach
  void members() {
    asha = Api.uniqueName("asha");
    ashaToken = api.register(asha);
    ravi = Api.uniqueName("ravi");
    raviToken = api.register(ravi);
  }

  List<String> box(String token, String box, String field) {
    Response r = api.get("/api/interests?box=" + box, token);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString(field)).toList();
  }

  @Test
  void interestSentAndAcceptedReachesBothSidesLive() {
    try (Client a = Client.connect(server.baseUrl(), ashaToken);
        Client r = Client.connect(server.baseUrl(), raviToken)) {
      Response sent = api.post("/api/interests/" + ravi, ashaToken, new JsonObject());
      assertThat(sent.status()).as(sent.text()).isEqualTo(201);
      assertThat(sent.json().getString("status")).isEqualTo("pending");
      JsonObject heard = r.await("interest_update", e -> e.getString("from").equals(asha));
      assertThat(heard.getString("status")).isEqualTo("pending");
      assertThat(heard.getString("by")).isEqualTo(asha);
      a.await("interest_update", e -> e.getString("to").equals(ravi) && e.getString("status").equals("pending"));

      assertThat(box(raviToken, "received", "from")).containsExactly(asha);
      assertThat(box(ashaToken, "sent", "to")).containsExactly(ravi);
      JsonObject card = api.get("/api/interests?box=received", raviToken).json().getJsonArray("items")
          .getJsonObject(0).getJsonObject("with");
      assertThat(card.getString("username")).isEqualTo(asha);
      assertThat(card.getString("avatarUrl")).isEqualTo("/api/avatars/" + asha + ".svg");

      Response accepted = api.post("/api/interests/" + asha + "/accept", raviToken, new JsonObject());
      assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
      assertThat(accepted.json().getString("status")).isEqualTo("accepted");
      JsonObject told = a.await("interest_update", e -> e.getString("status").equals("accepted"));
      assertThat(told.getString("by")).isEqualTo(ravi);
      assertThat(box(ashaToken, "accepted", "to")).containsExactly(ravi);
      assertThat(box(raviToken, "accepted", "from")).containsExactly(asha);
      JsonObject between = api.get("/api/interests/" + ravi, ashaToken).json();
      assertThat(between.getJsonObject("sent").getString("status")).isEqualTo("accepted");
      assertThat(between.getValue("received")).isNull();
    }
  }

  @Test
  void declineAndWithdrawAreHeardAndSendingTwiceIsRefused() {
    try (Client a = Client.connect(server.baseUrl(), ashaToken);
        Client r = Client.connect(server.baseUrl(), raviToken)) {
      api.post("/api/interests/" + ravi, ashaToken, new JsonObject());
      Response again = api.post("/api/interests/" + ravi, ashaToken, new JsonObject());
      assertThat(again.status()).isEqualTo(409);

      assertThat(api.post("/api/interests/" + asha + "/decline", raviToken, new JsonObject()).json()
          .getString("status")).isEqualTo("declined");
      a.await("interest_update", e -> e.getString("status").equals("declined"));

      assertThat(api.delete("/api/interests/" + ravi, ashaToken).status()).isEqualTo(204);
      r.await("interest_update", e -> e.getString("status").equals("withdrawn") && e.getString("from").equals(asha));
      assertThat(box(raviToken, "received", "from")).isEmpty();
      assertThat(api.delete("/api/interests/" + ravi, ashaToken).status()).isEqualTo(404);
      // only the recipient answers: the sender cannot accept their own
      api.post("/api/interests/" + ravi, ashaToken, new JsonObject());
      assertThat(api.post("/api/interests/" + ravi + "/accept", ashaToken, new JsonObject()).status()).isEqualTo(404);
    }
  }

  @Test
  void interestBackToSomeoneInterestedInYouIsAMatch() {
    api.post("/api/interests/" + ravi, ashaToken, new JsonObject());
    Response back = api.post("/api/interests/" + asha, raviToken, new JsonObject());
    assertThat(back.status()).isEqualTo(201);
    assertThat(back.json().getString("from")).isEqualTo(asha);
    assertThat(back.json().getString("status")).isEqualTo("accepted");
    assertThat(box(ashaToken, "accepted", "to")).containsExactly(ravi);
  }

  @Test
  void badInterestRequestsAreRefusedInWords() {
    assertThat(api.post("/api/interests/" + asha, ashaToken, new JsonObject()).status()).isEqualTo(400);
    assertThat(api.post("/api/interests/" + Api.uniqueName("ghost"), ashaToken, new JsonObject()).status())
        .isEqualTo(404);
    assertThat(api.get("/api/interests?box=maybe", ashaToken).status()).isEqualTo(400);
    assertThat(api.post("/api/interests/" + ravi + "/accept", ashaToken, new JsonObject()).json()
        .getJsonObject("error").getString("message")).isEqualTo(ravi + " has not sent you an interest");
    // blocked: no interest either
    api.put("/api/blocks/" + asha, raviToken, null);
    Response blocked = api.post("/api/interests/" + ravi, ashaToken, new JsonObject());
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(api.post("/api/interests/" + ravi, null, new JsonObject()).status()).isEqualTo(401);
  }

  @Test
  void shortlistIsPrivateAndReachesTheOwnersOtherTabs() {
    String kiran = Api.uniqueName("kiran");
    api.register(kiran);
    try (Client otherTab = Client.connect(server.baseUrl(), ashaToken);
        Client r = Client.connect(server.baseUrl(), raviToken)) {
      assertThat(api.put("/api/shortlist/" + ravi, ashaToken, null).status()).isEqualTo(204);
      JsonObject heard = otherTab.await("shortlist_update");
      assertThat(heard).isEqualTo(new JsonObject().put("username", ravi).put("shortlisted", true));
      api.put("/api/shortlist/" + kiran, ashaToken, null);
      api.put("/api/shortlist/" + kiran, ashaToken, null);
      List<String> listed = api.get("/api/shortlist", ashaToken).json().getJsonArray("items").stream()
          .map(o -> ((JsonObject) o).getString("username")).toList();
      assertThat(listed).containsExactlyInAnyOrder(kiran, ravi);
      assertThat(api.get("/api/interests/" + ravi, ashaToken).json().getBoolean("shortlisted")).isTrue();
      assertThat(api.get("/api/shortlist", raviToken).json().getJsonArray("items")).isEmpty();

      assertThat(api.delete("/api/shortlist/" + ravi, ashaToken).status()).isEqualTo(204);
      otherTab.await("shortlist_update", e -> !e.getBoolean("shortlisted"));
      assertThat(api.put("/api/shortlist/" + asha, ashaToken, null).status()).isEqualTo(400);
      assertThat(api.put("/api/shortlist/" + Api.uniqueName("ghost"), ashaToken, null).status()).isEqualTo(404);
      // the one shortlisted is told nothing
      assertThat(r.received("shortlist_update")).isEmpty();
    }
  }

  @Test
  void withChatRequiringInterestMessagesWaitForAnAcceptedOne() throws Exception {
    restartWith(Map.of("CHAT_REQUIRES_INTEREST", "true"));
    asha = Api.uniqueName("asha");
    ashaToken = api.register(asha);
    ravi = Api.uniqueName("ravi");
    raviToken = api.register(ravi);
    try (Client a = Client.connect(server.baseUrl(), ashaToken)) {
      JsonObject refused = a.call("send_message", new JsonObject().put("to", ravi).put("message", "hello"));
      assertThat(refused.getBoolean("ok")).isFalse();
      assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("interest_required");
      api.post("/api/interests/" + ravi, ashaToken, new JsonObject());
      assertThat(a.call("send_message", new JsonObject().put("to", ravi).put("message", "hello"))
          .getBoolean("ok")).isFalse();
      api.post("/api/interests/" + asha + "/accept", raviToken, new JsonObject());
      JsonObject ok = a.call("send_message", new JsonObject().put("to", ravi).put("message", "hello"));
      assertThat(ok.getBoolean("ok")).as(ok.encode()).isTrue();
    }
    assertThat(api.history(raviToken, asha)).hasSize(1);
  }

  @Test
  void byDefaultChatNeedsNoInterest() {
    try (Client a = Client.connect(server.baseUrl(), ashaToken)) {
      JsonObject ok = a.call("send_message", new JsonObject().put("to", ravi).put("message", "hello"));
      assertThat(ok.getBoolean("ok")).as(ok.encode()).isTrue();
    }
  }
}
