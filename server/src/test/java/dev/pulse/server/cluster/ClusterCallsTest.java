package dev.pulse.server.cluster;

import static dev.pulse.server.testing.CallSteps.answered;
import static dev.pulse.server.testing.CallSteps.call;
import static dev.pulse.server.testing.CallSteps.ended;
import static dev.pulse.server.testing.CallSteps.invite;
import static dev.pulse.server.testing.CallSteps.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ClusterFixture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls between people connected to different nodes of one cluster: the call lives in Redis,
 * events reach connections through the adapter, and a deadline ends a call exactly once.
 */
class ClusterCallsTest {
  static final long RING_MS = 2500;
  static final long RECONNECT_MS = 3000;
  static final Duration SETTLE = Duration.ofMillis(500);
  private static ClusterFixture cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(2, Map.of(
        "CALL_RING_TIMEOUT_MS", String.valueOf(RING_MS), "CALL_RECONNECT_MS", String.valueOf(RECONNECT_MS)));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void inviteAcceptSignalAndHangupCrossNodes() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String carol = Api.uniqueName("carol");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(1).register(bob);
    String carolToken = cluster.api(1).register(carol);
    try (Client a = Client.connect(cluster.url(0), annToken);
        Client b1 = Client.connect(cluster.url(1), bobToken);
        Client b2 = Client.connect(cluster.url(0), bobToken);
        Client c = Client.connect(cluster.url(1), carolToken)) {
      String id = invite(a, bob, "video");
      b1.await("call_incoming", e -> id.equals(e.getString("callId")));
      b2.await("call_incoming", e -> id.equals(e.getString("callId")));

      ok(call(b1, "call_accept", id));
      a.await("call_accepted", e -> id.equals(e.getString("callId")));
      b2.await("call_ended", e -> ended(e, id, "answered_elsewhere"));

      JsonObject offer = new JsonObject().put("type", "offer").put("sdp", "v=0 across");
      ok(a.call("call_signal", new JsonObject().put("callId", id).put("data", offer)));
      assertThat(b1.await("call_signal").getJsonObject("data")).isEqualTo(offer);
      JsonObject candidate = new JsonObject().put("candidate", "candidate:1 1 udp 1 10.0.0.1 5000 typ host");
      ok(b1.call("call_signal", new JsonObject().put("callId", id).put("data", candidate)));
      assertThat(a.await("call_signal").getJsonObject("data")).isEqualTo(candidate);
      // the callee's device on the caller's node is no party of the call
      JsonObject refused = b2.call("call_signal", new JsonObject().put("callId", id).put("data", offer));
      assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("forbidden");

      // someone calling the busy callee from the other node hears busy; the callee hears nothing
      String second = invite(c, bob, "audio");
      c.await("call_ended", e -> ended(e, second, "busy"));

      ok(call(a, "call_hangup", id));
      b1.await("call_ended", e -> ended(e, id, "hangup"));
      Client.pause(SETTLE);
      assertThat(b1.received("call_incoming")).hasSize(1);
      assertThat(b2.received("call_ended")).hasSize(1);
      assertThat(b2.hasReceived("call_signal", e -> true)).isFalse();
    }
    assertThat(cluster.api(0).history(annToken, bob).getJsonObject(0).getJsonObject("call").getString("reason"))
        .isEqualTo("hangup");
  }

  @Test
  void ringTimeoutEndsTheCallOnceForEveryone() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(1).register(bob);
    try (Client a = Client.connect(cluster.url(0), annToken);
        Client b1 = Client.connect(cluster.url(1), bobToken);
        Client b2 = Client.connect(cluster.url(0), bobToken)) {
      String id = invite(a, bob, "audio");
      b1.await("call_incoming");
      Duration wait = Duration.ofMillis(RING_MS + 10_000);
      a.await("call_ended", wait, e -> ended(e, id, "missed"));
      b1.await("call_ended", wait, e -> ended(e, id, "missed"));
      b2.await("call_ended", wait, e -> ended(e, id, "missed"));
      Client.pause(SETTLE);
      assertThat(a.received("call_ended")).as("both nodes sweep; one ends it").hasSize(1);
      assertThat(b1.received("call_ended")).hasSize(1);
      // one entry in the conversation, unread for the callee
      assertThat(cluster.api(1).history(bobToken, ann)).hasSize(1);
      assertThat(cluster.api(1).get("/api/conversations", bobToken).json().getJsonArray("items").getJsonObject(0)
          .getInteger("unread")).isEqualTo(1);
    }
  }

  @Test
  void partyWhoseConnectionDroppedComesBackOnTheOtherNode() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(1).register(bob);
    try (Client a = Client.connect(cluster.url(0), annToken)) {
      String id;
      try (Client b = Client.connect(cluster.url(1), bobToken)) {
        id = answered(a, b, bob, "video");
      }
      a.await("call_reconnecting");
      try (Client back = Client.connect(cluster.url(0), bobToken)) {
        assertThat(back.await("call_resumed").getString("callId")).isEqualTo(id);
        a.await("call_resumed");
        ok(back.call("call_signal", new JsonObject().put("callId", id).put("data", new JsonObject().put("type", "offer"))));
        a.await("call_signal");
        Client.pause(Duration.ofMillis(RECONNECT_MS + 500));
        assertThat(a.hasReceived("call_ended", e -> true)).isFalse();
        ok(call(back, "call_hangup", id));
        a.await("call_ended", e -> ended(e, id, "hangup"));
      }
    }
  }

  @Test
  void droppedPartyOnAnotherNodeEndsTheCallAfterTheWindow() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(1).register(bob);
    try (Client a = Client.connect(cluster.url(0), annToken)) {
      String id;
      try (Client b = Client.connect(cluster.url(1), bobToken)) {
        id = answered(a, b, bob, "audio");
      }
      a.await("call_ended", Duration.ofMillis(RECONNECT_MS + 10_000), e -> ended(e, id, "connection_lost"));
      Client.pause(SETTLE);
      assertThat(a.received("call_ended")).hasSize(1);
    }
  }

  @Test
  void partyWhoseNodeDiedComesBackOnAnotherNode() throws Exception {
    ClusterFixture.NodeProcess doomed = cluster.startProcess();
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(1).register(bob);
    try (Client a = Client.connect(cluster.url(0), annToken)) {
      String id;
      try (Client b = Client.connect(doomed.url(), bobToken)) {
        id = answered(a, b, bob, "video");
        // the node goes, closing nothing: its sockets never say goodbye
        doomed.process().destroyForcibly().waitFor();
      }
      try (Client back = Client.connect(cluster.url(1), bobToken)) {
        assertThat(back.await("call_resumed").getString("callId")).isEqualTo(id);
        a.await("call_resumed");
        ok(call(back, "call_hangup", id));
        a.await("call_ended", e -> ended(e, id, "hangup"));
      }
    }
  }

  @Test
  void calleeOnNoNodeIsUnavailable() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    cluster.api(1).register(bob);
    try (Client a = Client.connect(cluster.url(0), annToken)) {
      String id = invite(a, bob, "audio");
      a.await("call_ended", e -> ended(e, id, "unavailable"));
    }
  }

  @Test
  void presenceOfTheOtherNodeShowsInACall() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String carol = Api.uniqueName("carol");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(1).register(bob);
    String carolToken = cluster.api(0).register(carol);
    try (Client a = Client.connect(cluster.url(0), annToken);
        Client b = Client.connect(cluster.url(1), bobToken);
        Client c = Client.connectWatching(cluster.url(0), carolToken)) {
      ok(c.call("presence_watch", new JsonObject().put("usernames", new io.vertx.core.json.JsonArray().add(ann))));
      String id = invite(a, bob, "video");
      b.await("call_incoming");
      // accepted on bob's node; ann's node learns she is in a call
      ok(call(b, "call_accept", id));
      JsonObject busy = c.await("presence_update", e -> ann.equals(e.getString("username")));
      assertThat(busy.getString("statusText")).isEqualTo("In a call");
      ok(call(b, "call_hangup", id));
      c.await("presence_update", e -> ann.equals(e.getString("username")) && "online".equals(e.getString("status")));
    }
  }
}
