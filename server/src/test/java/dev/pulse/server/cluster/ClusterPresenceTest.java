package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ClusterFixture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Presence across two nodes: one online user, one count, one announcement, wherever sockets are. */
class ClusterPresenceTest {
  private static ClusterFixture cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(2);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static int restCount(int node, String token) {
    return cluster.api(node).get("/api/users/online-status/count", token).json().getInteger("count");
  }

  private static List<String> onlineNames(int node, String token) {
    List<String> names = new ArrayList<>();
    cluster.api(node).get("/api/users/online-status/users", token).json().getJsonArray("users")
        .forEach(u -> names.add(((JsonObject) u).getString("username")));
    return names;
  }

  @Test
  void presenceIsClusterWide() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(0).register(bob);
    try (Client a = Client.connect(cluster.url(0), annToken)) {
      try (Client b = Client.connect(cluster.url(1), bobToken);
          Client b2 = Client.connect(cluster.url(0), bobToken)) {
        a.await("user_online", e -> bob.equals(e.getString("username")));
        await().atMost(Duration.ofSeconds(5)).until(() -> onlineNames(0, annToken).containsAll(List.of(ann, bob))
            && onlineNames(1, bobToken).containsAll(List.of(ann, bob)));
        await().atMost(Duration.ofSeconds(5)).until(() -> restCount(0, annToken) == restCount(1, bobToken));
        JsonObject seen = cluster.api(1).get("/api/users/online-status/" + ann, bobToken).json();
        assertThat(seen.getBoolean("online")).as(seen.encode()).isTrue();
        Client.pause(Duration.ofMillis(300));
        assertThat(a.received("user_online").stream().filter(e -> bob.equals(e.payload().getString("username"))))
            .as("bob's second tab on the other node is not a second arrival").hasSize(1);
      }
      JsonObject off = a.await("user_offline", e -> bob.equals(e.getString("username")));
      assertThat(off.getString("lastSeen")).isNotNull();
      assertThat(a.received("user_offline").stream().filter(e -> bob.equals(e.payload().getString("username"))))
          .hasSize(1);
    }
  }

  @Test
  void reloadOnAnotherNodeDoesNotFlashOffline() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(0).register(bob);
    try (Client a = Client.connect(cluster.url(0), annToken)) {
      Client first = Client.connect(cluster.url(1), bobToken);
      a.await("user_online", e -> bob.equals(e.getString("username")));
      first.close();
      try (Client again = Client.connect(cluster.url(0), bobToken)) {
        Client.pause(Duration.ofMillis(1_500)); // three grace periods of the test servers
        assertThat(a.received("user_offline").stream().filter(e -> bob.equals(e.payload().getString("username"))))
            .isEmpty();
        assertThat(a.received("user_online").stream().filter(e -> bob.equals(e.payload().getString("username"))))
            .hasSize(1);
      }
    }
  }

  @Test
  void countIsExactAcrossNodesUnderChurn() {
    String watcher = Api.uniqueName("watch");
    String watcherToken = cluster.api(0).register(watcher);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tokens.add(cluster.api(i % 2).register(Api.uniqueName("churn")));
    }
    try (Client w = Client.connect(cluster.url(0), watcherToken)) {
      int base = restCount(0, watcherToken);
      Random random = new Random(7);
      List<Client> open = new ArrayList<>();
      int[] socketsOf = new int[tokens.size()];
      List<Integer> owners = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        int user = random.nextInt(tokens.size());
        if (!open.isEmpty() && random.nextInt(3) == 0) {
          int k = random.nextInt(open.size());
          open.remove(k).close();
          socketsOf[owners.remove(k)]--;
        } else {
          open.add(Client.connect(cluster.url(random.nextInt(2)), tokens.get(user)));
          owners.add(user);
          socketsOf[user]++;
        }
      }
      int online = 0;
      for (int s : socketsOf) {
        online += s > 0 ? 1 : 0;
      }
      int expected = base + online;
      // the last closes are still in their grace period: both views settle on the exact count
      await().atMost(Duration.ofSeconds(15)).until(() -> {
        List<Client.Event> counts = w.received("online_count_update");
        return !counts.isEmpty() && counts.get(counts.size() - 1).payload().getInteger("count") == expected
            && restCount(1, watcherToken) == expected;
      });
      Client.pause(Duration.ofSeconds(2));
      List<Client.Event> counts = w.received("online_count_update");
      assertThat(counts.get(counts.size() - 1).payload().getInteger("count")).isEqualTo(expected);
      assertThat(restCount(1, watcherToken)).isEqualTo(expected);
      open.forEach(Client::close);
    }
  }

  @Test
  void killedNodesUsersGoOfflineWithinTtl() throws Exception {
    ClusterFixture.NodeProcess doomed = cluster.startProcess();
    String ann = Api.uniqueName("ann");
    String carl = Api.uniqueName("carl");
    String annToken = cluster.api(0).register(ann);
    String carlToken = cluster.api(0).register(carl);
    try (Client a = Client.connect(cluster.url(0), annToken)) {
      Client c = Client.open(doomed.url(), carlToken).withoutAcks();
      assertThat(c.outcome()).isEqualTo("connected");
      a.await("user_online", e -> carl.equals(e.getString("username")));
      long killedAt = System.currentTimeMillis();
      doomed.process().destroyForcibly().waitFor();
      JsonObject off = a.await("user_offline", Duration.ofSeconds(25), e -> carl.equals(e.getString("username")));
      assertThat(off).isNotNull();
      assertThat(System.currentTimeMillis() - killedAt).isLessThan(RedisPresence.NODE_TTL_MILLIS
          + RedisPresence.HEARTBEAT_MILLIS + 2_000);
      c.close();
    }
  }
}
