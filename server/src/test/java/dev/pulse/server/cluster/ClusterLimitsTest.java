package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ClusterFixture;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits that hold for the whole cluster: spreading over nodes buys nothing. */
class ClusterLimitsTest {
  private static ClusterFixture cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(2, Map.of("MESSAGES_PER_MINUTE", "6", "MESSAGE_BURST", "3"));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void rateLimitIsClusterWide() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    cluster.api(0).register(bob);
    try (Client one = Client.connect(cluster.url(0), annToken);
        Client two = Client.connect(cluster.url(1), annToken)) {
      int accepted = 0;
      String refusal = null;
      for (int i = 0; i < 6; i++) {
        Client via = i % 2 == 0 ? one : two;
        JsonObject ack = via.call("send_message", new JsonObject().put("to", bob).put("message", "m" + i));
        if (ack.getBoolean("ok")) {
          accepted++;
        } else {
          refusal = ack.getJsonObject("error").getString("code");
        }
      }
      assertThat(accepted).as("the burst of 3 is shared by both nodes").isEqualTo(3);
      assertThat(refusal).isEqualTo("rate_limited");
      Api.Response rest = cluster.api(1).post("/api/messages", annToken,
          new JsonObject().put("to", bob).put("message", "over REST"));
      assertThat(rest.status()).as(rest.text()).isEqualTo(429);
    }
  }
}
