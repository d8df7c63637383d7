package dev.pulse.server.presence;

import static dev.pulse.server.presence.PresenceTest.sleep;
import static dev.pulse.server.presence.PresenceTest.userEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status beyond online/offline: away after inactivity, and a chosen status that is stored. */
class StatusTest extends ServerTest {
  static final long AWAY_MS = 1000;

  String alice;
  String bob;
  String aliceToken;
  String bobToken;

  @Override
  protected Map<String, String> env() {
    return Map.of("AWAY_AFTER_MS", String.valueOf(AWAY_MS));
  }

  @BeforeEach
  void registerUsers() {
    alice = Api.uniqueName("alice");
    bob = Api.uniqueName("bob");
    aliceToken = api.register(alice);
    bobToken = api.register(bob);
  }

  @Test
  void idleUserTurnsAwayAndAnyEventBringsThemBack() {
    try (Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("online_count_update");
      long connectedAt = System.currentTimeMillis();
      try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
        b.await("user_online", p -> alice.equals(p.getString("username")));
        JsonObject away = b.await("presence_update",
            p -> alice.equals(p.getString("username")) && "away".equals(p.getString("status")));
        assertThat(away.getValue("statusText")).isNull();
        long awayAt = userEvents(b, "presence_update", alice).get(0).atMillis();
        assertThat(awayAt - connectedAt).as("ms from connecting to away").isGreaterThanOrEqualTo(AWAY_MS);
        JsonObject rest = api.get("/api/users/online-status/" + alice, bobToken).json();
        assertThat(rest.getBoolean("online")).isTrue();
        assertThat(rest.getString("status")).isEqualTo("away");

        // any event is activity, even one that has nothing to do with presence
        a.emit("user_typing", new JsonObject().put("to", bob).put("isTyping", true));
        b.await("user_typing", p -> alice.equals(p.getString("from")));
        JsonObject back = b.await("presence_update",
            p -> alice.equals(p.getString("username")) && "online".equals(p.getString("status")));
        assertThat(back.getValue("statusText")).isNull();
        assertThat(api.get("/api/users/online-status/" + alice, bobToken).json().getString("status"))
            .isEqualTo("online");
        assertThat(userEvents(b, "presence_update", alice)).extracting(e -> e.payload().getString("status"))
            .containsExactly("away", "online");
      }
    }
  }

  @Test
  void busyStatusIsSharedAndStored() {
    try (Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("online_count_update");
      Client a = Client.connect(server.baseUrl(), aliceToken);
      try {
        b.await("user_online", p -> alice.equals(p.getString("username")));
        JsonObject ack = a.call("set_status", new JsonObject().put("status", "busy").put("text", "In a meeting"));
        assertThat(ack).isEqualTo(new JsonObject().put("ok", true).put("status", "busy")
            .put("statusText", "In a meeting"));
        JsonObject update = b.await("presence_update", p -> alice.equals(p.getString("username")));
        assertThat(update.getString("status")).isEqualTo("busy");
        assertThat(update.getString("statusText")).isEqualTo("In a meeting");
        assertBusy();

        // gone offline and back: the status comes from the database
        a.close();
        b.await("user_offline", p -> alice.equals(p.getString("username")));
        a = Client.connect(server.baseUrl(), aliceToken);
        a.await("online_count_update");
        assertThat(userEvents(b, "user_online", alice)).hasSize(2);
        assertBusy();
        // a chosen status is not turned away by inactivity
        sleep(AWAY_MS + 400);
        assertBusy();

        // back online: the text goes with the busy status
        b.clear();
        JsonObject online = a.call("set_status", new JsonObject().put("status", "online").put("text", "ignored"));
        assertThat(online).isEqualTo(new JsonObject().put("ok", true).put("status", "online").putNull("statusText"));
        JsonObject back = b.await("presence_update", p -> alice.equals(p.getString("username")));
        assertThat(back.getString("status")).isEqualTo("online");
        assertThat(back.getValue("statusText")).isNull();
      } finally {
        a.close();
      }
    }
  }

  @Test
  void statusChosenOverRestIsStoredAndShared() {
    // chosen while not connected: stored, shown once the user is online
    Api.Response offline = api.put("/api/me/status", aliceToken,
        new JsonObject().put("status", "busy").put("text", "In a meeting"));
    assertThat(offline.status()).isEqualTo(200);
    assertThat(offline.json()).isEqualTo(new JsonObject().put("status", "busy").put("statusText", "In a meeting"));
    assertThat(api.get("/api/users/online-status/" + alice, bobToken).json().getString("status")).isEqualTo("offline");
    try (Client b = Client.connect(server.baseUrl(), bobToken);
        Client a = Client.connect(server.baseUrl(), aliceToken)) {
      a.await("online_count_update");
      assertBusy();

      Api.Response away = api.put("/api/me/status", aliceToken,
          new JsonObject().put("status", "away").put("text", "Back at 6"));
      assertThat(away.status()).isEqualTo(200);
      assertThat(away.json()).isEqualTo(new JsonObject().put("status", "away").put("statusText", "Back at 6"));
      JsonObject update = b.await("presence_update", p -> alice.equals(p.getString("username")));
      assertThat(update.getString("status")).isEqualTo("away");
      assertThat(update.getString("statusText")).isEqualTo("Back at 6");

      Api.Response bad = api.put("/api/me/status", aliceToken, new JsonObject().put("status", "invisible"));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.errorCode()).isEqualTo("bad_request");
    }
  }

  @Test
  void invalidStatusIsRefused() {
    try (Client b = Client.connect(server.baseUrl(), bobToken);
        Client a = Client.connect(server.baseUrl(), aliceToken)) {
      b.await("user_online", p -> alice.equals(p.getString("username")));
      for (JsonObject bad : new JsonObject[] {
          new JsonObject().put("status", "sleeping"),
          new JsonObject().put("status", "offline"),
          new JsonObject().put("text", "no status"),
          new JsonObject().put("status", "busy").put("text", "x".repeat(101))}) {
        JsonObject ack = a.call("set_status", bad);
        assertThat(ack.getBoolean("ok")).as(bad.encode()).isFalse();
        assertThat(ack.getJsonObject("error").getString("code")).as(bad.encode()).isEqualTo("bad_request");
      }
      // nothing was announced or stored
      sleep(300);
      assertThat(userEvents(b, "presence_update", alice)).isEmpty();
      JsonObject rest = api.get("/api/users/online-status/" + alice, bobToken).json();
      assertThat(rest.getString("status")).isEqualTo("online");
      assertThat(rest.getValue("statusText")).isNull();
    }
  }

  private void assertBusy() {
    Api.Response r = api.get("/api/users/online-status/" + alice, bobToken);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getBoolean("online")).isTrue();
    assertThat(r.json().getString("status")).isEqualTo("busy");
    assertThat(r.json().getString("statusText")).isEqualTo("In a meeting");
  }
}
