package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ClusterFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions are the cluster's, not a node's: one ended on one node is refused on the others, and
 * its sockets there are closed, even where the session was cached as live a moment before.
 */
class ClusterSessionsTest {
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
  void logoutOnOneNodeClosesSocketsAndRefusesTokensOnTheOther() {
    String alice = Api.uniqueName("alice");
    String token = cluster.api(0).register(alice);
    // node 1 knows the session (cached live) and holds a socket of it
    assertThat(cluster.api(1).get("/api/me", token).status()).isEqualTo(200);
    try (Client onOther = Client.connect(cluster.url(1), token)) {
      onOther.await("connection_established");
      assertThat(cluster.api(0).post("/api/auth/logout", token, new JsonObject()).status()).isEqualTo(204);

      JsonObject error = onOther.await("error", e -> "session ended".equals(e.getString("message")));
      assertThat(error.getString("code")).isEqualTo("unauthorized");
      onOther.await("disconnect");
      Api.Response me = cluster.api(1).get("/api/me", token);
      assertThat(me.status()).as(me.text()).isEqualTo(401);
      assertThat(Client.open(cluster.url(1), token).outcome()).isEqualTo("error: session ended");
    }
  }

  @Test
  void deletingTheAccountOnOneNodeEndsItsSessionsOnEveryNode() {
    String bob = Api.uniqueName("bob");
    String first = cluster.api(0).register(bob);
    String second = cluster.api(1).login(bob, Api.PASSWORD).json().getString("token");
    try (Client a = Client.connect(cluster.url(0), first);
        Client b = Client.connect(cluster.url(1), second)) {
      assertThat(cluster.api(1).delete("/api/me", second, new JsonObject().put("password", Api.PASSWORD)).status())
          .isEqualTo(204);
      a.await("error", e -> "session ended".equals(e.getString("message")));
      b.await("error", e -> "session ended".equals(e.getString("message")));
      assertThat(cluster.api(0).get("/api/me", first).status()).isEqualTo(401);
      assertThat(cluster.api(1).get("/api/me", second).status()).isEqualTo(401);
    }
  }
}
