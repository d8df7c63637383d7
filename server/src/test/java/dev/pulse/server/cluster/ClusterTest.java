package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.config.Config;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Member;
import dev.pulse.server.testing.TestImages;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ClusterFixture;
import dev.pulse.server.testing.OfficialClient;
import io.vertx.core.json.JsonObject;
import java.lang.ProcessBuilder.Redirect;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two nodes on one PostgreSQL and Redis: users connected to different nodes see each other as
 * they would on one node.
 */
class ClusterTest {
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
  void clusterRefusesEmbeddedDatabase() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("REDIS_URL", "redis://127.0.0.1:6379")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  void photoUploadedThroughOneNodeIsServedByTheOther() {
    Member ann = cluster.api(0).member("ann");
    Api.Response uploaded = cluster.api(0).postBytes("/api/me/photos", ann.token(), TestImages.jpeg(600, 400),
        "image/jpeg");
    assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);

    java.net.http.HttpResponse<byte[]> served = cluster.api(1).bytes(uploaded.json().getString("url"));
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(TestImages.decode(served.body()).getWidth()).isEqualTo(600);
    assertThat(cluster.api(1).get("/api/me", ann.token()).json().getString("avatarUrl"))
        .isEqualTo(uploaded.json().getString("thumbUrl"));
  }

  @Test
  void messageCrossesNodes() {
    Member ann = cluster.api(0).member("ann");
    Member bob = cluster.api(1).member("bob");
    try (Client a = Client.connect(cluster.url(0), ann.token());
        Client b = Client.connect(cluster.url(1), bob.token())) {
      JsonObject ack = a.call("send_message", new JsonObject().put("to", bob.name()).put("message", "across"));
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
      JsonObject got = b.await("new_message", m -> m.getLong("id").equals(ack.getLong("id")));
      assertThat(got.getString("from")).isEqualTo(ann.name());
      JsonObject delivered = a.await("message_delivered");
      assertThat(delivered.getLong("upToId")).isEqualTo(ack.getLong("id"));
    }
  }

  @Test
  void reactionsAndChatPhotosCrossNodes() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = cluster.api(0).register(ann);
    String bobToken = cluster.api(1).register(bob);
    try (Client a = Client.connect(cluster.url(0), annToken);
        Client b0 = Client.connect(cluster.url(0), bobToken);
        Client b1 = Client.connect(cluster.url(1), bobToken)) {
      long id = a.call("send_message", new JsonObject().put("to", bob).put("message", "react here")).getLong("id");
      JsonObject ack = b1.call("react", new JsonObject().put("messageId", id).put("emoji", "❤️"));
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
      // to both people, on both nodes
      for (Client c : new Client[] {a, b0, b1}) {
        assertThat(c.await("message_reaction", e -> e.getLong("messageId") == id).getString("emoji")).isEqualTo("❤️");
      }
      // a chat photo uploaded through one node is served by the other, to the recipient only
      Api.Response photo = cluster.api(0).postBytes("/api/conversations/" + bob + "/photos", annToken,
          TestImages.jpeg(600, 400), "image/jpeg");
      assertThat(photo.status()).as(photo.text()).isEqualTo(201);
      String photoId = photo.json().getString("id");
      JsonObject sent = a.call("send_message", new JsonObject().put("to", bob).put("photoId", photoId));
      assertThat(b1.await("new_message", m -> m.getLong("id").equals(sent.getLong("id"))).getJsonObject("photo")
          .getString("id")).isEqualTo(photoId);
      assertThat(cluster.api(1).bytes(photo.json().getString("url"), bobToken).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void typingAndReceiptsCrossNodes() {
    Member ann = cluster.api(0).member("ann");
    Member bob = cluster.api(0).member("bob");
    try (Client a = Client.connect(cluster.url(0), ann.token());
        Client b = Client.connect(cluster.url(1), bob.token())) {
      b.call("user_typing", new JsonObject().put("to", ann.name()).put("isTyping", true));
      assertThat(a.await("user_typing").getString("from")).isEqualTo(bob.name());
      JsonObject ack = a.call("send_message", new JsonObject().put("to", bob.name()).put("message", "read me"));
      b.await("new_message");
      JsonObject read = b.call("mark_read", new JsonObject().put("with", ann.name()).put("upToId", ack.getLong("id")));
      assertThat(read.getBoolean("ok")).as(read.encode()).isTrue();
      assertThat(a.await("message_read").getLong("upToId")).isEqualTo(ack.getLong("id"));
    }
  }

  @Test
  void blockTakesEffectOnEveryNode() {
    Member ann = cluster.api(0).member("ann");
    Member bob = cluster.api(1).member("bob");
    try (Client a = Client.connect(cluster.url(0), ann.token());
        Client b = Client.connect(cluster.url(1), bob.token())) {
      JsonObject before = b.call("send_message", new JsonObject().put("to", ann.name()).put("message", "hi"));
      assertThat(before.getBoolean("ok")).as(before.encode()).isTrue();
      Api.Response blocked = cluster.api(0).put("/api/blocks/" + bob.name(), ann.token(), new JsonObject());
      assertThat(blocked.status()).as(blocked.text()).isBetween(200, 204);
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> {
        JsonObject ack = b.call("send_message", new JsonObject().put("to", ann.name()).put("message", "still there?"));
        return !ack.getBoolean("ok") && "forbidden".equals(ack.getJsonObject("error").getString("code"));
      });
      JsonObject typing = b.call("user_typing", new JsonObject().put("to", ann.name()).put("isTyping", true));
      assertThat(typing.getBoolean("ok")).isFalse();
    }
  }

  @Test
  void pollingWorksBehindRoundRobin() throws Exception {
    Member ann = cluster.api(0).member("ann");
    Member bob = cluster.api(1).member("bob");
    String balancer = cluster.balancerUrl();
    Client a = Client.open(balancer, ann.token(), "polling");
    Client b = Client.open(balancer, bob.token(), "polling");
    try {
      assertThat(a.outcome()).isEqualTo("connected");
      assertThat(b.outcome()).isEqualTo("connected");
      for (int i = 0; i < 3; i++) {
        JsonObject ack = a.call("send_message", new JsonObject().put("to", bob.name()).put("message", "polling " + i));
        assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
        b.await("new_message", m -> m.getLong("id").equals(ack.getLong("id")));
      }
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void upgradeWorksBehindRoundRobin() throws Exception {
    Member ann = cluster.api(0).member("ann");
    Member bob = cluster.api(1).member("bob");
    String balancer = cluster.balancerUrl();
    try (Client a = Client.open(balancer, ann.token(), "polling", "websocket");
        Client b = Client.connect(cluster.url(1), bob.token())) {
      assertThat(a.outcome()).isEqualTo("connected");
      for (int i = 0; i < 3; i++) {
        JsonObject ack = a.call("send_message", new JsonObject().put("to", bob.name()).put("message", "upgraded " + i));
        assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
        b.await("new_message", m -> m.getLong("id").equals(ack.getLong("id")));
      }
      b.call("send_message", new JsonObject().put("to", ann.name()).put("message", "back"));
      assertThat(a.await("new_message").getString("message")).isEqualTo("back");
    }
  }

  /**
   * The official socket.io client, one user on each node: presence, a message each way with its
   * receipts, typing and leaving work over every transport as on one node. With "balancer", the
   * first user goes through the round-robin balancer, so that each of its polling requests may
   * land on either node.
   */
  @ParameterizedTest(name = "{0}, first user through {1}")
  @CsvSource({"websocket, node", "polling, node", "upgrade, node", "polling, balancer", "upgrade, balancer"})
  void officialClientBehavesAsOnOneNodeOverEveryTransport(String transport, String firstUserThrough)
      throws Exception {
    Member ann = cluster.api(0).member("ann");
    Member bob = cluster.api(1).member("bob");
    String annUrl = firstUserThrough.equals("balancer") ? cluster.balancerUrl() : cluster.url(0);
    Process client = OfficialClient.start("across-nodes-client.cjs", Redirect.INHERIT, annUrl, cluster.url(1),
        transport, ann.token(), ann.name(), bob.token(), bob.name());
    try {
      JsonObject report = OfficialClient.report(client, 60);
      assertThat(report.getString("failed")).as(report.encode()).isNull();
      assertThat(report.getJsonArray("steps").getList()).as(report.encode()).hasSize(6);
      String expected = transport.equals("polling") ? "polling" : "websocket";
      assertThat(report.getJsonObject("transports").getMap()).as("the transports the two ended on")
          .isEqualTo(Map.of("ann", expected, "bob", expected));
    } finally {
      client.destroyForcibly();
    }
  }
}
