package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ClusterFixture;
import dev.pulse.server.testing.RedisProcess;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis crashes and comes back empty while two users on different nodes talk: the nodes keep
 * serving, say they are degraded, then rebuild presence and deliver what was sent meanwhile.
 */
class RedisRestartTest {

  private static String health(ClusterFixture cluster, int node) {
    return cluster.api(node).get("/health", null).text();
  }

  @Test
  void redisRestartLosesNothing() throws Exception {
    try (RedisProcess redis = new RedisProcess();
        ClusterFixture cluster = ClusterFixture.start(2, Map.of("REDIS_URL", redis.url()))) {
      String ann = Api.uniqueName("ann");
      String bob = Api.uniqueName("bob");
      String annToken = cluster.api(0).register(ann);
      String bobToken = cluster.api(1).register(bob);
      try (Client a = Client.connect(cluster.url(0), annToken);
          Client b = Client.connect(cluster.url(1), bobToken)) {
        a.await("user_online", e -> bob.equals(e.getString("username")));

        redis.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> health(cluster, 0).contains("\"redis\":\"down\""));
        JsonObject ack = a.call("send_message", new JsonObject().put("to", bob).put("message", "while Redis was away"));
        assertThat(ack.getBoolean("ok")).as("the database still takes messages: %s", ack).isTrue();

        redis.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> health(cluster, 1).contains("\"status\":\"ok\""));
        JsonObject got = b.await("new_message", m -> m.getLong("id").equals(ack.getLong("id")));
        assertThat(got.getString("message")).isEqualTo("while Redis was away");
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.api(1)
            .get("/api/users/online-status/" + ann, bobToken).json().getBoolean("online"));
        JsonObject after = b.call("send_message", new JsonObject().put("to", ann).put("message", "and after"));
        assertThat(a.await("new_message", m -> m.getLong("id").equals(after.getLong("id")))).isNotNull();
      }
    }
  }
}
