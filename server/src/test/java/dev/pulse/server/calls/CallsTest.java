package dev.pulse.server.calls;

import static dev.pulse.server.testing.CallSteps.answered;
import static dev.pulse.server.testing.CallSteps.call;
import static dev.pulse.server.testing.CallSteps.ended;
import static dev.pulse.server.testing.CallSteps.errorCode;
import static dev.pulse.server.testing.CallSteps.invite;
import static dev.pulse.server.testing.CallSteps.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every transition of a call over the Java Socket.IO client: ringing on every device of the
 * callee, answer, signalling between the two connections only, decline, cancel, missed, busy,
 * unavailable, hang up, a dropped connection and its reconnect window, blocks, the rate limit,
 * the entries calls leave in the conversation and "In a call" in presence.
 */
class CallsTest extends ServerTest {
  static final long RING_MS = 2500;
  static final long RECONNECT_MS = 2000;
  /** Time for an event already emitted to reach a local client, before asserting none came. */
  static final Duration SETTLE = Duration.ofMillis(300);

  @Override
  protected Map<String, String> env() {
    return Map.of("CALL_RING_TIMEOUT_MS", String.valueOf(RING_MS), "CALL_RECONNECT_MS", String.valueOf(RECONNECT_MS));
  }

  private record People(String alice, String bob, String aliceToken, String bobToken) {}

  private People people() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    return new People(alice, bob, api.register(alice), api.register(bob));
  }

  @Test
  void inviteRingsEveryDeviceOfTheCallee() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b1 = Client.connect(server.baseUrl(), p.bobToken());
        Client b2 = Client.connect(server.baseUrl(), p.bobToken())) {
      String id = invite(a, p.bob(), "video");
      for (Client b : List.of(b1, b2)) {
        JsonObject ring = b.await("call_incoming", e -> id.equals(e.getString("callId")));
        assertThat(ring.getString("from")).isEqualTo(p.alice());
        assertThat(ring.getString("kind")).isEqualTo("video");
      }
      // a device that connects while the call rings rings too
      try (Client b3 = Client.connect(server.baseUrl(), p.bobToken())) {
        b3.await("call_incoming", e -> id.equals(e.getString("callId")));
      }
      assertThat(a.hasReceived("call_incoming", e -> true)).isFalse();
    }
  }

  @Test
  void acceptConnectsTheCallerAndStopsTheOtherDevices() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b1 = Client.connect(server.baseUrl(), p.bobToken());
        Client b2 = Client.connect(server.baseUrl(), p.bobToken())) {
      String id = invite(a, p.bob(), "audio");
      b1.await("call_incoming");
      b2.await("call_incoming");
      JsonObject accepted = ok(call(b1, "call_accept", id));
      assertThat(accepted.getString("from")).isEqualTo(p.alice());
      assertThat(accepted.getString("kind")).isEqualTo("audio");
      assertThat(a.await("call_accepted").getString("callId")).isEqualTo(id);
      b2.await("call_ended", e -> ended(e, id, "answered_elsewhere"));
      // the other device cannot answer as well
      assertThat(errorCode(call(b2, "call_accept", id))).isEqualTo("conflict");
      Client.pause(SETTLE);
      assertThat(b1.hasReceived("call_ended", e -> true)).isFalse();
      assertThat(a.hasReceived("call_ended", e -> true)).isFalse();
    }
  }

  @Test
  void signalsGoOnlyBetweenTheTwoConnectionsOfTheCall() {
    People p = people();
    String carol = Api.uniqueName("carol");
    String carolToken = api.register(carol);
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b1 = Client.connect(server.baseUrl(), p.bobToken());
        Client b2 = Client.connect(server.baseUrl(), p.bobToken());
        Client c = Client.connect(server.baseUrl(), carolToken)) {
      String id = invite(a, p.bob(), "video");
      b1.await("call_incoming");
      JsonObject offer = new JsonObject().put("type", "offer").put("sdp", "v=0 fake");
      // not before the answer
      assertThat(errorCode(a.call("call_signal", new JsonObject().put("callId", id).put("data", offer))))
          .isEqualTo("forbidden");
      ok(call(b1, "call_accept", id));
      a.await("call_accepted");

      ok(a.call("call_signal", new JsonObject().put("callId", id).put("data", offer)));
      JsonObject got = b1.await("call_signal");
      assertThat(got.getString("callId")).isEqualTo(id);
      assertThat(got.getJsonObject("data")).isEqualTo(offer);
      JsonObject answer = new JsonObject().put("type", "answer").put("sdp", "v=0 reply");
      ok(b1.call("call_signal", new JsonObject().put("callId", id).put("data", answer)));
      assertThat(a.await("call_signal").getJsonObject("data")).isEqualTo(answer);

      // the callee's other device, and a stranger, are refused
      assertThat(errorCode(b2.call("call_signal", new JsonObject().put("callId", id).put("data", offer))))
          .isEqualTo("forbidden");
      assertThat(errorCode(c.call("call_signal", new JsonObject().put("callId", id).put("data", offer))))
          .isEqualTo("not_found");
      assertThat(errorCode(c.call("call_hangup", new JsonObject().put("callId", id)))).isEqualTo("not_found");
      assertThat(errorCode(a.call("call_signal", new JsonObject().put("callId", id).put("data", 42))))
          .isEqualTo("bad_request");
      Client.pause(SETTLE);
      assertThat(b2.hasReceived("call_signal", e -> true)).isFalse();
      assertThat(c.hasReceived("call_signal", e -> true)).isFalse();
      assertThat(a.received("call_signal")).hasSize(1);
      assertThat(b1.received("call_signal")).hasSize(1);
    }
  }

  @Test
  void declineEndsTheCallForTheCallerAndTheOtherDevices() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b1 = Client.connect(server.baseUrl(), p.bobToken());
        Client b2 = Client.connect(server.baseUrl(), p.bobToken())) {
      String id = invite(a, p.bob(), "video");
      b1.await("call_incoming");
      b2.await("call_incoming");
      ok(call(b2, "call_decline", id));
      a.await("call_ended", e -> ended(e, id, "declined"));
      b1.await("call_ended", e -> ended(e, id, "declined"));
      assertThat(errorCode(call(b1, "call_accept", id))).isEqualTo("not_found");
      Client.pause(SETTLE);
      assertThat(b2.hasReceived("call_ended", e -> true)).isFalse();
    }
  }

  @Test
  void cancelStopsEveryDeviceRinging() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b1 = Client.connect(server.baseUrl(), p.bobToken());
        Client b2 = Client.connect(server.baseUrl(), p.bobToken())) {
      String id = invite(a, p.bob(), "audio");
      b1.await("call_incoming");
      // only the caller cancels
      assertThat(errorCode(call(b1, "call_cancel", id))).isEqualTo("forbidden");
      ok(call(a, "call_cancel", id));
      b1.await("call_ended", e -> ended(e, id, "cancelled"));
      b2.await("call_ended", e -> ended(e, id, "cancelled"));
      Client.pause(SETTLE);
      assertThat(a.hasReceived("call_ended", e -> true)).isFalse();
    }
  }

  @Test
  void unansweredCallIsMissedAfterTheRingTimeout() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b1 = Client.connect(server.baseUrl(), p.bobToken());
        Client b2 = Client.connect(server.baseUrl(), p.bobToken())) {
      long started = System.currentTimeMillis();
      String id = invite(a, p.bob(), "video");
      b1.await("call_incoming");
      JsonObject missed = a.await("call_ended", Duration.ofMillis(RING_MS + 10_000), e -> ended(e, id, "missed"));
      assertThat(missed).isNotNull();
      assertThat(a.received("call_ended").get(0).atMillis() - started).isGreaterThanOrEqualTo(RING_MS - 100);
      b1.await("call_ended", e -> ended(e, id, "missed"));
      b2.await("call_ended", e -> ended(e, id, "missed"));
      Client.pause(SETTLE);
      assertThat(a.received("call_ended")).as("ended exactly once").hasSize(1);
      assertThat(b1.received("call_ended")).hasSize(1);
    }
  }

  @Test
  void offlineCalleeIsUnavailableAtOnce() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken())) {
      String id = invite(a, p.bob(), "video");
      a.await("call_ended", Duration.ofSeconds(2), e -> ended(e, id, "unavailable"));
      // the caller is free again at once
      String again = invite(a, p.bob(), "audio");
      a.await("call_ended", e -> ended(e, again, "unavailable"));
    }
  }

  @Test
  void calleeInAnotherCallIsBusyAndNotDisturbed() {
    People p = people();
    String carol = Api.uniqueName("carol");
    String carolToken = api.register(carol);
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b = Client.connect(server.baseUrl(), p.bobToken());
        Client c = Client.connect(server.baseUrl(), carolToken)) {
      String id = invite(a, p.bob(), "video");
      b.await("call_incoming");
      ok(call(b, "call_accept", id));
      String second = invite(c, p.bob(), "audio");
      c.await("call_ended", e -> ended(e, second, "busy"));
      // and the caller in a call cannot place another
      assertThat(errorCode(a.call("call_invite", new JsonObject().put("to", carol).put("kind", "audio"))))
          .isEqualTo("conflict");
      Client.pause(SETTLE);
      assertThat(b.received("call_incoming")).hasSize(1);
      assertThat(b.hasReceived("call_ended", e -> true)).isFalse();
    }
  }

  @Test
  void hangupEndsTheCallForTheOtherSide() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b = Client.connect(server.baseUrl(), p.bobToken())) {
      String id = answered(a, b, p.bob(), "audio");
      ok(call(b, "call_hangup", id));
      a.await("call_ended", e -> ended(e, id, "hangup"));
      assertThat(errorCode(call(a, "call_hangup", id))).isEqualTo("not_found");
      Client.pause(SETTLE);
      assertThat(b.hasReceived("call_ended", e -> true)).isFalse();
      // both are free to call again
      String next = invite(b, p.alice(), "video");
      a.await("call_incoming", e -> next.equals(e.getString("callId")));
    }
  }

  @Test
  void droppedPartyEndsTheCallAfterTheReconnectWindow() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken())) {
      String id;
      try (Client b = Client.connect(server.baseUrl(), p.bobToken())) {
        id = answered(a, b, p.bob(), "video");
      }
      long dropped = System.currentTimeMillis();
      assertThat(a.await("call_reconnecting").getString("who")).isEqualTo(p.bob());
      a.await("call_ended", Duration.ofMillis(RECONNECT_MS + 10_000), e -> ended(e, id, "connection_lost"));
      assertThat(a.received("call_ended").get(0).atMillis() - dropped).isGreaterThanOrEqualTo(RECONNECT_MS - 300);
    }
  }

  @Test
  void partyBackWithinTheWindowResumesTheCall() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken())) {
      String id;
      try (Client b = Client.connect(server.baseUrl(), p.bobToken())) {
        id = answered(a, b, p.bob(), "video");
      }
      a.await("call_reconnecting");
      try (Client back = Client.connect(server.baseUrl(), p.bobToken())) {
        JsonObject resumed = back.await("call_resumed");
        assertThat(resumed.getString("callId")).isEqualTo(id);
        assertThat(resumed.getString("role")).isEqualTo("callee");
        assertThat(resumed.getString("with")).isEqualTo(p.alice());
        assertThat(a.await("call_resumed").getString("who")).isEqualTo(p.bob());
        // the new connection is the call's now
        ok(a.call("call_signal", new JsonObject().put("callId", id).put("data", new JsonObject().put("type", "offer"))));
        back.await("call_signal");
        Client.pause(Duration.ofMillis(RECONNECT_MS + 500));
        assertThat(a.hasReceived("call_ended", e -> true)).as("no end after the window").isFalse();
        ok(call(back, "call_hangup", id));
        a.await("call_ended", e -> ended(e, id, "hangup"));
      }
    }
  }

  @Test
  void callerGoneWhileRingingStopsTheRinging() {
    People p = people();
    try (Client b = Client.connect(server.baseUrl(), p.bobToken())) {
      String id;
      try (Client a = Client.connect(server.baseUrl(), p.aliceToken())) {
        id = invite(a, p.bob(), "audio");
        b.await("call_incoming");
      }
      b.await("call_ended", e -> ended(e, id, "connection_lost"));
    }
  }

  @Test
  void blockedUserCannotCallTheBlocker() {
    People p = people();
    assertThat(api.put("/api/blocks/" + p.alice(), p.bobToken(), null).status()).isEqualTo(204);
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b = Client.connect(server.baseUrl(), p.bobToken())) {
      JsonObject ack = a.call("call_invite", new JsonObject().put("to", p.bob()).put("kind", "video"));
      assertThat(errorCode(ack)).isEqualTo("forbidden");
      Client.pause(SETTLE);
      assertThat(b.hasReceived("call_incoming", e -> true)).isFalse();
    }
  }

  @Test
  void blockDuringACallEndsIt() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b = Client.connect(server.baseUrl(), p.bobToken())) {
      String id = answered(a, b, p.bob(), "video");
      assertThat(api.put("/api/blocks/" + p.alice(), p.bobToken(), null).status()).isEqualTo(204);
      a.await("call_ended", e -> ended(e, id, "blocked"));
      b.await("call_ended", e -> ended(e, id, "blocked"));
    }
  }

  @Test
  void blockOfSomeoneOutsideTheCallLeavesItUp() {
    People p = people();
    String carol = Api.uniqueName("carol");
    api.register(carol);
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b = Client.connect(server.baseUrl(), p.bobToken())) {
      String id = answered(a, b, p.bob(), "video");
      assertThat(api.put("/api/blocks/" + carol, p.aliceToken(), null).status()).isEqualTo(204);
      assertThat(api.put("/api/blocks/" + carol, p.bobToken(), null).status()).isEqualTo(204);
      Client.pause(SETTLE);
      assertThat(a.hasReceived("call_ended", e -> true)).isFalse();
      assertThat(b.hasReceived("call_ended", e -> true)).isFalse();
      ok(call(a, "call_hangup", id));
      b.await("call_ended", e -> ended(e, id, "hangup"));
    }
  }

  @Test
  void identityComesFromTheTokenOnly() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b = Client.connect(server.baseUrl(), p.bobToken())) {
      JsonObject ack = a.call("call_invite",
          new JsonObject().put("to", p.alice()).put("kind", "video").put("from", p.bob()));
      assertThat(errorCode(ack)).isEqualTo("forbidden");
      assertThat(errorCode(a.call("call_invite", new JsonObject().put("to", p.alice()).put("kind", "video"))))
          .isEqualTo("bad_request");
      assertThat(errorCode(a.call("call_invite", new JsonObject().put("to", p.bob()).put("kind", "hologram"))))
          .isEqualTo("bad_request");
      assertThat(errorCode(a.call("call_invite", new JsonObject().put("to", "nobody_here").put("kind", "audio"))))
          .isEqualTo("not_found");
      // the callee cannot accept for the caller, nor the caller for the callee
      String id = invite(a, p.bob(), "audio");
      b.await("call_incoming");
      assertThat(errorCode(call(a, "call_accept", id))).isEqualTo("forbidden");
      ok(call(a, "call_cancel", id));
    }
  }

  @Test
  void callsAreRateLimited() throws Exception {
    restartWith(Map.of("CALLS_PER_MINUTE", "1", "CALL_BURST", "2"));
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken())) {
      invite(a, p.bob(), "audio");
      invite(a, p.bob(), "audio");
      JsonObject third = a.call("call_invite", new JsonObject().put("to", p.bob()).put("kind", "audio"));
      assertThat(errorCode(third)).isEqualTo("rate_limited");
      assertThat(third.getJsonObject("error").getString("message")).contains("retry");
    }
  }

  @Test
  void callsShowInTheConversationAndAMissedOneIsUnread() {
    People p = people();
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b = Client.connect(server.baseUrl(), p.bobToken())) {
      String declined = invite(a, p.bob(), "audio");
      b.await("call_incoming");
      ok(call(b, "call_decline", declined));
      a.await("call_ended");
      String answered = answered(a, b, p.bob(), "video");
      ok(call(a, "call_hangup", answered));
      b.await("call_ended", e -> ended(e, answered, "hangup"));
      String missed = invite(a, p.bob(), "video");
      a.await("call_ended", Duration.ofMillis(RING_MS + 10_000), e -> ended(e, missed, "missed"));

      // each entry reaches both users live, as a message
      JsonObject live = b.await("new_message", m -> m.containsKey("call")
          && missed.equals(m.getJsonObject("call").getString("id")));
      assertThat(live.getString("message")).isEqualTo("Missed video call");
      a.await("new_message", m -> m.containsKey("call") && missed.equals(m.getJsonObject("call").getString("id")));

      JsonArray history = api.history(p.bobToken(), p.alice());
      assertThat(history).hasSize(3);
      JsonObject first = history.getJsonObject(0);
      assertThat(first.getString("from")).isEqualTo(p.alice());
      assertThat(first.getString("message")).isEqualTo("Declined voice call");
      assertThat(first.getJsonObject("call")).isEqualTo(new JsonObject().put("id", declined).put("kind", "audio")
          .put("reason", "declined").put("answered", false).put("missed", false).put("durationSeconds", 0));
      JsonObject second = history.getJsonObject(1);
      assertThat(second.getString("message")).startsWith("Video call · 0:0");
      assertThat(second.getJsonObject("call").getBoolean("answered")).isTrue();
      assertThat(second.getJsonObject("call").getString("reason")).isEqualTo("hangup");
      JsonObject third = history.getJsonObject(2);
      assertThat(third.getJsonObject("call").getBoolean("missed")).isTrue();
      assertThat(third.getString("readAt")).isNull();

      JsonObject conversation = api.get("/api/conversations", p.bobToken()).json().getJsonArray("items")
          .getJsonObject(0);
      assertThat(conversation.getString("with")).isEqualTo(p.alice());
      assertThat(conversation.getInteger("unread")).as("only the missed call is unread").isEqualTo(1);
      assertThat(conversation.getJsonObject("lastMessage").getJsonObject("call").getString("id")).isEqualTo(missed);
      JsonObject aliceSide = api.get("/api/conversations", p.aliceToken()).json().getJsonArray("items")
          .getJsonObject(0);
      assertThat(aliceSide.getInteger("unread")).isZero();
    }
  }

  @Test
  void presenceShowsInACallWhileOneLasts() {
    People p = people();
    String carol = Api.uniqueName("carol");
    String carolToken = api.register(carol);
    try (Client a = Client.connect(server.baseUrl(), p.aliceToken());
        Client b = Client.connect(server.baseUrl(), p.bobToken());
        Client c = Client.connectWatching(server.baseUrl(), carolToken)) {
      ok(c.call("presence_watch", new JsonObject().put("usernames", new JsonArray().add(p.bob()))));
      String id = invite(a, p.bob(), "video");
      b.await("call_incoming");
      Client.pause(SETTLE);
      assertThat(c.hasReceived("presence_update", e -> true)).as("a ringing phone is not shown").isFalse();
      ok(call(b, "call_accept", id));
      JsonObject busy = c.await("presence_update", e -> p.bob().equals(e.getString("username")));
      assertThat(busy.getString("status")).isEqualTo("busy");
      assertThat(busy.getString("statusText")).isEqualTo("In a call");
      JsonObject shown = api.get("/api/users/online-status/" + p.bob(), carolToken).json();
      assertThat(shown.getString("statusText")).isEqualTo("In a call");
      ok(call(a, "call_hangup", id));
      c.await("presence_update", e -> p.bob().equals(e.getString("username")) && "online".equals(e.getString("status")));
    }
  }
}
