package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ClusterFixture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes: ✓✓ waits for the recipient's client on the other node, and a blocked user's counts
 * leave out a blocker who is online on another node.
 */
class ClusterTrustTest {
  static final Duration SETTLE = Duration.ofMillis(500);
  private static ClusterFixture cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(2);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static int lastCount(Client c) {
    List<Client.Event> counts = c.received("online_count_update");
    return counts.isEmpty() ? -1 : counts.get(counts.size() - 1).payload().getInteger("count");
  }

  @Test
  void deliveredOnlyOnceTheRecipientsClientOnAnotherNodeConfirms() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(1).register(bob);
    try (Client a = Client.connect(cluster.url(0), annToken);
        Client b = Client.connect(cluster.url(1), bobToken).withoutAcks()) {
      JsonObject ack = a.call("send_message", new JsonObject().put("to", bob).put("message", "across"));
      long id = ack.getLong("id");
      b.await("new_message", m -> m.getLong("id") == id);
      assertThat(ack.getString("status")).isEqualTo("sent");
      Client.pause(SETTLE);
      assertThat(a.received("message_delivered")).isEmpty();

      try (Client b2 = Client.connect(cluster.url(1), bobToken)) {
        b2.await("new_message", m -> m.getLong("id") == id);
        JsonObject receipt = a.await("message_delivered");
        assertThat(receipt.getLong("upToId")).isEqualTo(id);
      }
    }
  }

  @Test
  void aBlockedUsersCountLeavesOutABlockerOnlineOnAnotherNode() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String carol = Api.uniqueName("carol");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(1).register(bob);
    String carolToken = cluster.api(1).register(carol);
    assertThat(cluster.api(0).put("/api/blocks/" + bob, annToken, null).status()).isEqualTo(204);
    try (Client b = Client.connect(cluster.url(1), bobToken);
        Client c = Client.connect(cluster.url(1), carolToken)) {
      // bob and carol (users of the other test leave within the grace period)
      int before = 2;
      await().atMost(Duration.ofSeconds(5)).until(() -> lastCount(b) == before && lastCount(c) == before);
      b.clear();
      try (Client a = Client.connect(cluster.url(0), annToken)) {
        await().atMost(Duration.ofSeconds(5)).until(() -> lastCount(c) == before + 1);
        Client.pause(SETTLE);
        assertThat(b.received("online_count_update"))
            .allSatisfy(e -> assertThat(e.payload().getInteger("count")).isEqualTo(before));
        assertThat(cluster.api(1).get("/api/users/online-status/count", bobToken).json().getInteger("count"))
            .isEqualTo(before);
        assertThat(cluster.api(1).get("/api/users/online-status/count", carolToken).json().getInteger("count"))
            .isEqualTo(before + 1);
      }
    }
  }
}
