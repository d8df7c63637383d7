package dev.pulse.server.presence;

import static dev.pulse.server.presence.PresenceTest.sleep;
import static dev.pulse.server.presence.PresenceTest.userEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Member;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.EmbeddedServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code presence_watch}: a socket that sends it hears the presence of the users it names and of
 * its conversation partners only; one that never does hears everyone's. Every absence below is
 * checked after another socket got the same broadcast, plus a settling pause.
 */
class PresenceWatchTest extends EmbeddedServerTest {
  static final long GRACE_MS = 300;
  static final long SETTLE_MS = 300;
  static final JsonObject NEVER_SEEN = new JsonObject().put("online", false).put("status", "offline")
      .putNull("statusText").putNull("lastSeen");

  @Override
  protected Map<String, String> env() {
    return Map.of("PRESENCE_GRACE_MS", String.valueOf(GRACE_MS));
  }

  static JsonObject watch(Client client, String... usernames) {
    JsonObject ack = client.call("presence_watch", new JsonObject().put("usernames", new JsonArray(List.of(usernames))));
    assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
    return ack;
  }

  @Test
  void watchingSocketHearsOnlyWatchedUsers() {
    Member alice = api.member("alice");
    Member bob = api.member("bob");
    Member carol = api.member("carol");
    try (Client a = Client.connect(server.baseUrl(), alice.token());
        Client everyone = Client.connect(server.baseUrl(), api.register(Api.uniqueName("dave")))) {
      watch(a, bob.name());
      Client c = Client.connect(server.baseUrl(), carol.token());
      try (Client b = Client.connect(server.baseUrl(), bob.token())) {
        a.await("user_online", p -> bob.name().equals(p.getString("username")));
        everyone.await("user_online", p -> carol.name().equals(p.getString("username")));

        b.call("set_status", new JsonObject().put("status", "busy"));
        c.call("set_status", new JsonObject().put("status", "busy"));
        a.await("presence_update", p -> bob.name().equals(p.getString("username")));
        everyone.await("presence_update", p -> carol.name().equals(p.getString("username")));
        c.close();
        everyone.await("user_offline", p -> carol.name().equals(p.getString("username")));
        sleep(SETTLE_MS);
        assertThat(userEvents(a, "user_online", carol.name())).isEmpty();
        assertThat(userEvents(a, "presence_update", carol.name())).isEmpty();
        assertThat(userEvents(a, "user_offline", carol.name())).isEmpty();
      }
      JsonObject offline = a.await("user_offline", p -> bob.name().equals(p.getString("username")));
      assertThat(offline.getString("lastSeen")).isNotNull();
      // the count is for everyone, watching or not
      assertThat(a.received("online_count_update")).isNotEmpty();
    }
  }

  @Test
  void conversationPartnerIsHeardWithoutWatching() {
    Member alice = api.member("alice");
    Member dave = api.member("dave");
    Member erin = api.member("erin");
    // a conversation from before: loaded when the watch is sent
    assertThat(api.post("/api/messages", dave.token(), new JsonObject().put("to", alice.name()).put("message", "Hello")).status())
        .isEqualTo(201);
    try (Client a = Client.connect(server.baseUrl(), alice.token())) {
      watch(a);
      try (Client d = Client.connect(server.baseUrl(), dave.token());
          Client e = Client.connect(server.baseUrl(), erin.token())) {
        a.await("user_online", p -> dave.name().equals(p.getString("username")));
        watch(e);
        sleep(SETTLE_MS);
        assertThat(userEvents(a, "user_online", erin.name())).as("no conversation with erin yet").isEmpty();

        // a conversation that starts now: both hear each other from here on
        JsonObject sent = e.call("send_message", new JsonObject().put("to", alice.name()).put("message", "Hi Alice"));
        assertThat(sent.getBoolean("ok")).as(sent.encode()).isTrue();
        a.await("new_message", m -> m.getLong("id").equals(sent.getLong("id")));
        e.call("set_status", new JsonObject().put("status", "busy").put("text", "Cooking"));
        JsonObject update = a.await("presence_update", p -> erin.name().equals(p.getString("username")));
        assertThat(update.getString("status")).isEqualTo("busy");
        a.call("set_status", new JsonObject().put("status", "away"));
        e.await("presence_update", p -> alice.name().equals(p.getString("username")));
      }
    }
  }

  @Test
  void socketWithoutWatchHearsEveryone() {
    Member alice = api.member("alice");
    Member bob = api.member("bob");
    Member carol = api.member("carol");
    try (Client old = Client.connect(server.baseUrl(), alice.token());
        Client watching = Client.connect(server.baseUrl(), alice.token())) {
      watch(watching, carol.name());
      try (Client b = Client.connect(server.baseUrl(), bob.token());
          Client c = Client.connect(server.baseUrl(), carol.token())) {
        old.await("user_online", p -> bob.name().equals(p.getString("username")));
        old.await("user_online", p -> carol.name().equals(p.getString("username")));
        watching.await("user_online", p -> carol.name().equals(p.getString("username")));
        sleep(SETTLE_MS);
        assertThat(userEvents(watching, "user_online", bob.name())).as("the other tab of the same user watches").isEmpty();
      }
    }
  }

  @Test
  void socketThatAnnouncesItsWatchHearsNoOneUntilItWatches() {
    Member alice = api.member("alice");
    Member bob = api.member("bob");
    Member carol = api.member("carol");
    try (Client a = Client.connectWatching(server.baseUrl(), alice.token());
        Client everyone = Client.connect(server.baseUrl(), api.register(Api.uniqueName("dave")))) {
      try (Client b = Client.connect(server.baseUrl(), bob.token())) {
        everyone.await("user_online", p -> bob.name().equals(p.getString("username")));
        sleep(SETTLE_MS);
        assertThat(userEvents(a, "user_online", bob.name())).isEmpty();
        // the count is for everyone
        a.await("online_count_update", p -> p.getInteger("count") >= 3);

        JsonObject ack = watch(a, bob.name());
        assertThat(ack.getJsonObject("presence").getJsonObject(bob.name()).getBoolean("online")).isTrue();
        try (Client c = Client.connect(server.baseUrl(), carol.token())) {
          b.call("set_status", new JsonObject().put("status", "busy"));
          a.await("presence_update", p -> bob.name().equals(p.getString("username")));
          everyone.await("user_online", p -> carol.name().equals(p.getString("username")));
          sleep(SETTLE_MS);
          assertThat(userEvents(a, "user_online", carol.name())).isEmpty();
        }
      }
    }
  }

  @Test
  void aNewWatchReplacesTheOldOne() {
    Member alice = api.member("alice");
    Member bob = api.member("bob");
    Member carol = api.member("carol");
    try (Client a = Client.connect(server.baseUrl(), alice.token());
        Client b = Client.connect(server.baseUrl(), bob.token());
        Client c = Client.connect(server.baseUrl(), carol.token());
        Client everyone = Client.connect(server.baseUrl(), api.register(Api.uniqueName("dave")))) {
      watch(a, bob.name());
      watch(a, carol.name());
      b.call("set_status", new JsonObject().put("status", "busy"));
      c.call("set_status", new JsonObject().put("status", "busy"));
      a.await("presence_update", p -> carol.name().equals(p.getString("username")));
      everyone.await("presence_update", p -> bob.name().equals(p.getString("username")));
      sleep(SETTLE_MS);
      assertThat(userEvents(a, "presence_update", bob.name())).isEmpty();
    }
  }

  @Test
  void watchAckGivesCurrentPresence() {
    Member alice = api.member("alice");
    Member bob = api.member("bob");
    Member carol = api.member("carol");
    String never = Api.uniqueName("never");
    api.register(never);
    try (Client b = Client.connect(server.baseUrl(), bob.token());
        Client a = Client.connect(server.baseUrl(), alice.token())) {
      b.call("set_status", new JsonObject().put("status", "busy").put("text", "In a meeting"));
      // carol comes and goes, so that she has a last seen
      Client c = Client.connect(server.baseUrl(), carol.token());
      a.await("user_online", p -> carol.name().equals(p.getString("username")));
      c.close();
      JsonObject offline = a.await("user_offline", p -> carol.name().equals(p.getString("username")));

      String nobody = Api.uniqueName("nobody");
      JsonObject ack = watch(a, bob.name(), carol.name(), never, nobody);
      assertThat(ack).isEqualTo(new JsonObject().put("ok", true).put("presence", new JsonObject()
          .put(bob.name(), new JsonObject().put("online", true).put("status", "busy").put("statusText", "In a meeting")
              .putNull("lastSeen"))
          .put(carol.name(), new JsonObject().put("online", false).put("status", "offline").putNull("statusText")
              .put("lastSeen", offline.getString("lastSeen")))
          .put(never, NEVER_SEEN)
          .put(nobody, NEVER_SEEN)));
      assertThat(Instant.parse(offline.getString("lastSeen"))).isBefore(Instant.now());
      // names are matched as usernames are
      JsonObject upper = watch(a, bob.name().toUpperCase());
      assertThat(upper.getJsonObject("presence").getJsonObject(bob.name()).getString("status")).isEqualTo("busy");
    }
  }

  @Test
  void watchListIsBounded() throws Exception {
    restartWith(Map.of("PRESENCE_WATCH_MAX", "3"));
    String alice = Api.uniqueName("alice");
    try (Client a = Client.connect(server.baseUrl(), api.register(alice))) {
      JsonArray four = new JsonArray(IntStream.range(0, 4).mapToObj(i -> "user" + i).toList());
      JsonObject tooMany = a.call("presence_watch", new JsonObject().put("usernames", four));
      assertThat(tooMany.getBoolean("ok")).isFalse();
      assertThat(tooMany.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      assertThat(tooMany.getJsonObject("error").getString("message")).contains("at most 3");
      assertThat(watch(a, "user0", "user1", "user2").getJsonObject("presence").size()).isEqualTo(3);

      for (JsonObject bad : List.of(new JsonObject(), new JsonObject().put("usernames", "bob"),
          new JsonObject().put("usernames", new JsonArray().add(42)),
          new JsonObject().put("usernames", new JsonArray().add("x".repeat(33))))) {
        JsonObject ack = a.call("presence_watch", bad);
        assertThat(ack.getBoolean("ok")).as(bad.encode()).isFalse();
        assertThat(ack.getJsonObject("error").getString("code")).as(bad.encode()).isEqualTo("bad_request");
      }
      // the connection is fine after all that
      assertThat(watch(a).getJsonObject("presence")).isEqualTo(new JsonObject());
    }
  }

  @Test
  void blockedWatcherSeesBlockerOffline() {
    Member alice = api.member("alice");
    Member bob = api.member("bob");
    api.block(bob.token(), alice.name());
    try (Client b = Client.connect(server.baseUrl(), bob.token());
        Client a = Client.connect(server.baseUrl(), alice.token());
        Client everyone = Client.connect(server.baseUrl(), api.register(Api.uniqueName("carol")))) {
      JsonObject ack = watch(a, bob.name());
      assertThat(ack.getJsonObject("presence").getJsonObject(bob.name())).isEqualTo(NEVER_SEEN);
      b.call("set_status", new JsonObject().put("status", "busy"));
      everyone.await("presence_update", p -> bob.name().equals(p.getString("username")));
      sleep(SETTLE_MS);
      assertThat(userEvents(a, "presence_update", bob.name())).isEmpty();
    }
  }
}
