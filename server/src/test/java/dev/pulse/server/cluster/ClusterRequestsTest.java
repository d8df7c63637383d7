package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ClusterFixture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Message requests on two nodes: a request reaches the recipient's sockets on both, an answer
 * given through one node holds for sends through the other (no node acts on a stale state).
 */
class ClusterRequestsTest {
  private static ClusterFixture cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(2);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void requestAndItsAnswerCrossNodes() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(1).register(bob);
    try (Client a = Client.connect(cluster.url(0), annToken);
        Client b0 = Client.connect(cluster.url(0), bobToken);
        Client b1 = Client.connect(cluster.url(1), bobToken)) {
      JsonObject ack = a.send(bob, "hello from node 0");
      assertThat(ack.getBoolean("request")).as(ack.encode()).isTrue();
      for (Client tab : new Client[] {b0, b1}) {
        assertThat(tab.await("new_message", m -> m.getLong("id").equals(ack.getLong("id"))).getBoolean("request"))
            .isTrue();
      }
      assertThat(cluster.api(0).get("/api/conversations", bobToken).json().getInteger("pendingRequests")).isEqualTo(1);

      // accepted through node 1: ann, on node 0, hears it, and her next message is no request
      assertThat(cluster.api(1).post("/api/requests/" + ann + "/accept", bobToken, new JsonObject()).status())
          .isEqualTo(200);
      a.await("message_request_update", u -> u.getString("status").equals("accepted"));
      b0.await("message_request_update", u -> u.getString("status").equals("accepted"));
      assertThat(a.send(bob, "thank you").getBoolean("request")).isFalse();
    }
  }

  @Test
  void declineThroughOneNodeClosesTheRequestOnTheOther() {
    String cara = Api.uniqueName("cara");
    String dev = Api.uniqueName("dev");
    String caraToken = cluster.api(0).register(cara);
    String devToken = cluster.api(1).register(dev);
    try (Client c = Client.connect(cluster.url(0), caraToken);
        Client d = Client.connect(cluster.url(1), devToken)) {
      assertThat(c.send(dev, "first").getBoolean("request")).isTrue();
      assertThat(c.send(dev, "second").getBoolean("request")).isTrue();
      assertThat(cluster.api(1).post("/api/requests/" + cara + "/decline", devToken, new JsonObject()).status())
          .isEqualTo(200);
      d.await("message_request_update", u -> u.getString("status").equals("declined"));
      JsonObject refused = c.send(dev, "third");
      assertThat(refused.getBoolean("ok")).isFalse();
      assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("request_closed");
      Client.pause(Duration.ofMillis(300));
      assertThat(c.received("message_request_update")).isEmpty();
    }
  }
}
