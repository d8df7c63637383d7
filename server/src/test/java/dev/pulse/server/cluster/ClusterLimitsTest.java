package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ClusterFixture;
import dev.pulse.server.testing.RawHttp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits that hold for the whole cluster: spreading over nodes buys nothing. */
class ClusterLimitsTest {
  private static ClusterFixture cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(2, Map.of("MESSAGES_PER_MINUTE", "6", "MESSAGE_BURST", "3",
        "SOCKETS_PER_USER", "2", "LOGIN_FREE_FAILURES", "2", "LOGIN_DELAY_MS", "600000",
        // the tests' requests pose as clients behind a proxy on 127.0.0.1 (X-Forwarded-For)
        "TRUSTED_PROXIES", "127.0.0.1", "REGISTRATIONS_PER_HOUR", "1", "REGISTRATION_BURST", "2"));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  /** A fresh client address for each test's requests, so that the per-address limits start full. */
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  private static String newAddress() {
    return "198.51.100." + ADDRESSES.incrementAndGet();
  }

  @Test
  void socketCapIsClusterWide() {
    String gail = Api.uniqueName("gail");
    String token = register(0, newAddress(), gail);
    try (Client one = Client.connect(cluster.url(0), token);
        Client two = Client.connect(cluster.url(1), token);
        Client three = Client.open(cluster.url(0), token);
        Client four = Client.open(cluster.url(1), token)) {
      assertThat(three.outcome()).startsWith("error: Too many connections for this account (at most 2)");
      assertThat(four.outcome()).startsWith("error: Too many connections for this account (at most 2)");
      two.close();
      // the slot the other node gave back is free for a socket here
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
        try (Client retry = Client.open(cluster.url(0), token)) {
          return retry.outcome().equals("connected");
        }
      });
    }
  }

  @Test
  void loginThrottleIsClusterWide() throws Exception {
    String hal = Api.uniqueName("hal");
    String address = newAddress();
    register(0, address, hal);
    assertThat(login(0, address, hal, "wrong-password-1").status()).isEqualTo(401);
    assertThat(login(1, address, hal, "wrong-password-2").status()).isEqualTo(401);
    RawHttp.Response slowed = login(0, address, hal, Api.PASSWORD);
    assertThat(slowed.status()).as(slowed.body()).isEqualTo(429);
    assertThat(login(1, address, hal, Api.PASSWORD).status()).isEqualTo(429);
    // the owner elsewhere is not held up, on either node
    assertThat(login(1, newAddress(), hal, Api.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void registrationLimitIsClusterWide() throws Exception {
    String address = newAddress();
    assertThat(registerRaw(0, address, Api.uniqueName("ivy")).status()).isEqualTo(201);
    assertThat(registerRaw(1, address, Api.uniqueName("ivy")).status()).isEqualTo(201);
    RawHttp.Response third = registerRaw(0, address, Api.uniqueName("ivy"));
    assertThat(third.status()).as(third.body()).isEqualTo(429);
    assertThat(registerRaw(1, address, Api.uniqueName("ivy")).status()).isEqualTo(429);
  }

  private static String register(int node, String address, String username) {
    try {
      RawHttp.Response r = registerRaw(node, address, username);
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      return new JsonObject(r.body()).getString("token");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static RawHttp.Response registerRaw(int node, String address, String username) throws Exception {
    return RawHttp.send("127.0.0.1", port(node), "POST", "/api/auth/register", Map.of("X-Forwarded-For", address),
        new JsonObject().put("username", username).put("password", Api.PASSWORD).put("displayName", "U " + username)
            .put("gender", "male").put("dateOfBirth", "1990-01-01").put("city", "Pune").put("religion", "Hindu")
            .encode());
  }

  private static RawHttp.Response login(int node, String address, String username, String password) throws Exception {
    return RawHttp.send("127.0.0.1", port(node), "POST", "/api/auth/login", Map.of("X-Forwarded-For", address),
        new JsonObject().put("username", username).put("password", password).encode());
  }

  private static int port(int node) {
    String url = cluster.url(node);
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  @Test
  void rateLimitIsClusterWide() {
    String ann = Api.uniqueName("ann");
    String bob = Api.uniqueName("bob");
    String annToken = register(0, newAddress(), ann);
    register(1, newAddress(), bob);
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
