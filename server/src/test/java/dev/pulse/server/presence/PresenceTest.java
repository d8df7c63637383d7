package dev.pulse.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who is online: user_online on a first connection, user_offline only once the last one has been
 * closed for the grace period, and the three online-status endpoints. Last seen is stored, so
 * this runs on both databases.
 */
class PresenceTest extends ServerTest {
  static final long GRACE_MS = 500;

  @Override
  protected Map<String, String> env() {
    return Map.of("PRESENCE_GRACE_MS", String.valueOf(GRACE_MS));
  }

  @Test
  void connectionEstablishedAndCurrentCountOnConnect() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      JsonObject established = a.await("connection_established");
      assertThat(established.getString("username")).isEqualTo(alice);
      assertThat(established.getString("sid")).isEqualTo(a.id());
      assertThat(a.await("online_count_update").getInteger("count")).isEqualTo(1);
      try (Client b = Client.connect(server.baseUrl(), bobToken)) {
        JsonObject bobEstablished = b.await("connection_established");
        assertThat(bobEstablished.getString("username")).isEqualTo(bob);
        assertThat(bobEstablished.getString("sid")).isEqualTo(b.id()).isNotEqualTo(a.id());
        // the newcomer is told the count that includes itself, and so is everyone already here
        assertThat(b.await("online_count_update").getInteger("count")).isEqualTo(2);
        a.await("online_count_update", p -> p.getInteger("count") == 2);
      }
    }
  }

  @Test
  void userOnlineIsBroadcast() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    try (Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("online_count_update");
      try (Client tab1 = Client.connect(server.baseUrl(), aliceToken);
          Client tab2 = Client.connect(server.baseUrl(), aliceToken)) {
        b.await("user_online", p -> alice.equals(p.getString("username")));
        // the second tab's count comes after its arrival was handled; a user_online it caused
        // would have been sent before that, so a short wait covers the delivery
        tab1.await("online_count_update");
        tab2.await("online_count_update");
        sleep(300);
        assertThat(userEvents(b, "user_online", alice)).as("user_online for alice, second tab included").hasSize(1);
        assertThat(userEvents(tab1, "user_online", alice)).as("alice is not told about herself").isEmpty();
        List<Client.Event> counts = b.received("online_count_update");
        assertThat(counts.get(counts.size() - 1).payload().getInteger("count")).isEqualTo(2);
        assertThat(api.get("/api/users/online-status/count", bobToken).json().getInteger("count")).isEqualTo(2);
      }
    }
  }

  @Test
  void userOfflineAfterLastSocketCloses() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    try (Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("online_count_update");
      Client tab1 = Client.connect(server.baseUrl(), aliceToken);
      try (Client tab2 = Client.connect(server.baseUrl(), aliceToken)) {
        tab1.await("online_count_update");
        tab2.await("online_count_update");
        b.await("user_online", p -> alice.equals(p.getString("username")));

        tab1.close();
        // long enough for a wrongly started grace timer to have fired and its event to arrive
        sleep(GRACE_MS + 300);
        assertThat(userEvents(b, "user_offline", alice)).as("user_offline while a tab is open").isEmpty();
        JsonObject stillOnline = api.get("/api/users/online-status/" + alice, bobToken).json();
        assertThat(stillOnline.getBoolean("online")).isTrue();
        assertThat(stillOnline.getString("status")).isEqualTo("online");

        long closedAt = System.currentTimeMillis();
        tab2.close();
        JsonObject offline = b.await("user_offline", p -> alice.equals(p.getString("username")));
        Client.Event event = userEvents(b, "user_offline", alice).get(0);
        assertThat(event.atMillis() - closedAt).as("ms from close to user_offline").isGreaterThanOrEqualTo(GRACE_MS);
        Instant lastSeen = Instant.parse(offline.getString("lastSeen"));
        // last seen is when the connection closed (noticed by the server well within the grace
        // period), not when the grace period ended
        assertThat(lastSeen).isAfterOrEqualTo(Instant.ofEpochMilli(closedAt))
            .isBefore(Instant.ofEpochMilli(closedAt + GRACE_MS));

        Api.Response status = api.get("/api/users/online-status/" + alice, bobToken);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json()).isEqualTo(new JsonObject().put("username", alice).put("online", false)
            .put("status", "offline").putNull("statusText").put("lastSeen", offline.getString("lastSeen")));
        assertThat(api.get("/api/users/online-status/count", bobToken).json().getInteger("count")).isEqualTo(1);
        sleep(300);
        assertThat(userEvents(b, "user_offline", alice)).hasSize(1);
      } finally {
        tab1.close();
      }
    }
  }

  @Test
  void reloadWithinGraceDoesNotFlashOffline() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    try (Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("online_count_update");
      Client before = Client.connect(server.baseUrl(), aliceToken);
      before.await("online_count_update");
      b.await("user_online", p -> alice.equals(p.getString("username")));

      long closedAt = System.currentTimeMillis();
      before.close();
      try (Client after = Client.connect(server.baseUrl(), aliceToken)) {
        after.await("online_count_update");
        assertThat(System.currentTimeMillis() - closedAt).as("reconnected within the grace period")
            .isLessThan(GRACE_MS);
        // past the moment the old connection's grace period would have ended
        sleep(closedAt + GRACE_MS + 300 - System.currentTimeMillis());
        assertThat(userEvents(b, "user_offline", alice)).isEmpty();
        assertThat(userEvents(b, "user_online", alice)).hasSize(1);
        JsonObject status = api.get("/api/users/online-status/" + alice, bobToken).json();
        assertThat(status.getBoolean("online")).isTrue();
        assertThat(status.getString("status")).isEqualTo("online");
        assertThat(api.get("/api/users/online-status/count", bobToken).json().getInteger("count")).isEqualTo(2);
      }
    }
  }

  @Test
  void onlineStatusEndpoints() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String carol = Api.uniqueName("carol");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    api.register(carol);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("online_count_update", p -> p.getInteger("count") == 2);

      Api.Response count = api.get("/api/users/online-status/count", aliceToken);
      assertThat(count.status()).isEqualTo(200);
      assertThat(count.json()).isEqualTo(new JsonObject().put("count", 2));

      Api.Response users = api.get("/api/users/online-status/users", aliceToken);
      assertThat(users.status()).isEqualTo(200);
      assertThat(users.json().getInteger("count")).isEqualTo(2);
      JsonArray expected = new JsonArray();
      List.of(alice, bob).stream().sorted().forEach(u -> expected.add(new JsonObject().put("username", u)
          .put("online", true).put("status", "online").putNull("statusText").putNull("lastSeen")));
      assertThat(users.json().getJsonArray("users")).isEqualTo(expected);

      Api.Response one = api.get("/api/users/online-status/" + bob, aliceToken);
      assertThat(one.status()).isEqualTo(200);
      assertThat(one.json()).isEqualTo(new JsonObject().put("username", bob).put("online", true)
          .put("status", "online").putNull("statusText").putNull("lastSeen"));

      // registered but never connected: offline, never seen
      Api.Response never = api.get("/api/users/online-status/" + carol, aliceToken);
      assertThat(never.status()).isEqualTo(200);
      assertThat(never.json()).isEqualTo(new JsonObject().put("username", carol).put("online", false)
          .put("status", "offline").putNull("statusText").putNull("lastSeen"));

      Api.Response unknown = api.get("/api/users/online-status/" + Api.uniqueName("nobody"), aliceToken);
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.errorCode()).isEqualTo("not_found");

      for (String path : List.of("count", "users", bob)) {
        Api.Response anonymous = api.get("/api/users/online-status/" + path, null);
        assertThat(anonymous.status()).as(path).isEqualTo(401);
        assertThat(anonymous.errorCode()).as(path).isEqualTo("unauthorized");
        Api.Response forged = api.get("/api/users/online-status/" + path, "not-a-token");
        assertThat(forged.status()).as(path).isEqualTo(401);
        assertThat(forged.errorCode()).as(path).isEqualTo("unauthorized");
      }
    }
  }

  @Test
  void onlineStatusHidesUsersWhoBlockedYou() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    assertThat(api.put("/api/blocks/" + alice, bobToken, null).status()).isEqualTo(204);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("online_count_update", p -> p.getInteger("count") == 2);
      // bob blocked alice: alice is not told bob came online, does not see him listed or counted
      sleep(300);
      assertThat(a.received("online_count_update")).allSatisfy(e -> assertThat(e.payload().getInteger("count")).isEqualTo(1));
      assertThat(api.get("/api/users/online-status/count", aliceToken).json().getInteger("count")).isEqualTo(1);
      assertThat(userEvents(a, "user_online", bob)).isEmpty();
      JsonObject users = api.get("/api/users/online-status/users", aliceToken).json();
      assertThat(users.getInteger("count")).isEqualTo(1);
      assertThat(users.getJsonArray("users").getJsonObject(0).getString("username")).isEqualTo(alice);
      assertThat(api.get("/api/users/online-status/" + bob, aliceToken).json()).isEqualTo(new JsonObject()
          .put("username", bob).put("online", false).put("status", "offline").putNull("statusText")
          .putNull("lastSeen"));
      // bob still sees alice
      assertThat(api.get("/api/users/online-status/users", bobToken).json().getInteger("count")).isEqualTo(2);
      assertThat(api.get("/api/users/online-status/" + alice, bobToken).json().getBoolean("online")).isTrue();
    }
  }

  static List<Client.Event> userEvents(Client client, String name, String username) {
    return client.received(name).stream().filter(e -> username.equals(e.payload().getString("username"))).toList();
  }

  static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
