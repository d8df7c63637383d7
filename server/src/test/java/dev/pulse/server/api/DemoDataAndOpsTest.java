package dev.pulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.PulseFixture;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo members a first start creates, and the operations endpoints: health and Prometheus
 * metrics.
 */
class DemoDataAndOpsTest extends ServerTest {
  static final String DEMO_PASSWORD = "pulse-demo";
  static final long GRACE_MS = 500;

  /** The demo members as the server's resource lists them. */
  static JsonArray demo;

  @BeforeAll
  static void loadDemoFile() throws IOException {
    try (InputStream in = DemoDataAndOpsTest.class.getClassLoader().getResourceAsStream("demo/profiles.json")) {
      assertThat(in).as("demo/profiles.json on the classpath").isNotNull();
      demo = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Override
  protected Map<String, String> env() {
    return Map.of("SEED_DEMO_PROFILES", "true", "PRESENCE_GRACE_MS", String.valueOf(GRACE_MS));
  }

  String demoName(int i) {
    return demo.getJsonObject(i).getString("username");
  }

  String login(String username, String password) {
    Response r = api.login(username, password);
    assertThat(r.status()).as(username + ": " + r.text()).isEqualTo(200);
    return r.json().getString("token");
  }

  static List<String> usernames(Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("username")).toList();
  }

  @Test
  void freshDatabaseGetsEveryDemoMember() {
    assertThat(demo.size()).isGreaterThanOrEqualTo(30);
    String viewer = demoName(0);
    Response r = api.get("/api/profiles?size=100", login(viewer, DEMO_PASSWORD));

    assertThat(r.json().getLong("total")).isEqualTo(demo.size() - 1);
    // joined in file order, so the last entry is the newest member
    List<String> expected = new ArrayList<>();
    for (int i = demo.size() - 1; i >= 1; i--) {
      expected.add(demoName(i));
    }
    assertThat(usernames(r)).containsExactlyElementsOf(expected);
    // each profile is the file's entry, field for field
    JsonArray items = r.json().getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      JsonObject entry = demo.getJsonObject(demo.size() - 1 - i);
      for (String field : entry.fieldNames()) {
        assertThat(item.getValue(field)).as(entry.getString("username") + "." + field).isEqualTo(entry.getValue(field));
      }
      assertThat(item.getInteger("age")).isBetween(18, 100);
    }
  }

  @Test
  void demoMembersLogInWithTheDemoPassword() {
    for (int i : new int[] {0, demo.size() / 2, demo.size() - 1}) {
      String name = demoName(i);
      String token = login(name, DEMO_PASSWORD);
      assertThat(api.get("/api/me", token).json().getString("displayName"))
          .isEqualTo(demo.getJsonObject(i).getString("displayName"));
      Response wrong = api.login(name, DEMO_PASSWORD + "!");
      assertThat(wrong.status()).isEqualTo(401);
    }
  }

  @Test
  void restartDoesNotSeedAgain() throws Exception {
    String newcomer = Api.uniqueName("newcomer");
    api.register(newcomer);

    restartServer();

    Response r = api.get("/api/profiles?size=100", login(newcomer, Api.PASSWORD));
    assertThat(r.json().getLong("total")).isEqualTo(demo.size());
    assertThat(usernames(r)).doesNotHaveDuplicates().hasSize(demo.size());
    assertThat(api.get("/api/profiles?size=100", login(demoName(0), DEMO_PASSWORD)).json().getLong("total"))
        .isEqualTo(demo.size());
  }

  @Test
  void noDemoMembersWhenSeedingIsOff() throws Exception {
    try (PulseFixture plain = PulseFixture.start(backend)) {
      Api plainApi = plain.api();
      String token = plainApi.register(Api.uniqueName("alone"));
      assertThat(plainApi.get("/api/profiles", token).json().getLong("total")).isEqualTo(0);
      Response demoLogin = plainApi.login(demoName(0), DEMO_PASSWORD);
      assertThat(demoLogin.status()).isEqualTo(401);
    }
  }

  @Test
  void healthReportsTheDatabaseUp() {
    Response r = api.get("/health", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(r.json()).isEqualTo(new JsonObject().put("status", "ok").put("database", "ok"));
  }

  @Test
  void metricsCountSocketsUsersAndDeliveredMessages() {
    Response first = api.get("/metrics", PulseFixture.METRICS_TOKEN);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    String text = first.text();
    assertThat(text).contains("# TYPE pulse_sockets_connected gauge", "# TYPE pulse_users_online gauge",
        "# TYPE pulse_messages_sent_total counter", "# TYPE pulse_messages_delivered_total counter",
        "# TYPE pulse_message_delivery_seconds histogram");
    assertThat(metric(text, "pulse_sockets_connected")).isEqualTo(0);
    assertThat(metric(text, "pulse_users_online")).isEqualTo(0);
    assertThat(metric(text, "pulse_messages_sent_total")).isEqualTo(0);
    assertThat(metric(text, "pulse_messages_delivered_total")).isEqualTo(0);
    assertThat(metric(text, "pulse_message_delivery_seconds_count")).isEqualTo(0);
    assertThat(metric(text, "pulse_message_delivery_seconds_bucket{le=\"+Inf\"}")).isEqualTo(0);

    String alice = demoName(0);
    String bob = demoName(1);
    String aliceToken = login(alice, DEMO_PASSWORD);
    String bobToken = login(bob, DEMO_PASSWORD);
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      awaitMetric("pulse_sockets_connected", 1);
      awaitMetric("pulse_users_online", 1);
      try (Client b1 = Client.connect(server.baseUrl(), bobToken);
          Client b2 = Client.connect(server.baseUrl(), bobToken)) {
        // two tabs: two sockets, one user
        awaitMetric("pulse_sockets_connected", 3);
        awaitMetric("pulse_users_online", 2);
        a.await("online_count_update", p -> p.getInteger("count") == 2);

        JsonObject ack = a.call("send_message", new JsonObject().put("to", bob).put("message", "Namaste"));
        assertThat(ack.getString("status")).as(ack.encode()).isEqualTo("sent");
        b1.await("new_message", m -> m.getLong("id").equals(ack.getLong("id")));
        b2.await("new_message", m -> m.getLong("id").equals(ack.getLong("id")));

        awaitMetric("pulse_messages_sent_total", 1);
        // both tabs confirm it, but it is one delivered message
        awaitMetric("pulse_messages_delivered_total", 1);
        awaitMetric("pulse_message_delivery_seconds_count", 1);
        awaitMetric("pulse_message_delivery_seconds_bucket{le=\"+Inf\"}", 1);
        String after = api.metrics();
        assertThat(metric(after, "pulse_message_delivery_seconds_sum")).isPositive();
      }
      awaitMetric("pulse_sockets_connected", 1);
      // bob counts as online until the grace period has passed
      awaitMetric("pulse_users_online", 1);
    }
    awaitMetric("pulse_sockets_connected", 0);
    awaitMetric("pulse_users_online", 0);
    assertThat(metric(api.metrics(), "pulse_messages_delivered_total")).isEqualTo(1);
  }

  @Test
  void messageToAnOfflineUserIsCountedDeliveredWhenTheyConnect() {
    String alice = demoName(2);
    String bob = demoName(3);
    String aliceToken = login(alice, DEMO_PASSWORD);
    String bobToken = login(bob, DEMO_PASSWORD);
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      JsonObject ack = a.call("send_message", new JsonObject().put("to", bob).put("message", "Are you there?"));
      assertThat(ack.getBoolean("delivered")).as(ack.encode()).isFalse();
      awaitMetric("pulse_messages_sent_total", 1);
      assertThat(metric(api.metrics(), "pulse_messages_delivered_total")).isEqualTo(0);

      try (Client b = Client.connect(server.baseUrl(), bobToken)) {
        b.await("new_message", m -> m.getLong("id").equals(ack.getLong("id")));
        awaitMetric("pulse_messages_delivered_total", 1);
        assertThat(metric(api.metrics(), "pulse_messages_sent_total")).isEqualTo(1);
      }
    }
  }

  void awaitMetric(String series, double expected) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
        assertThat(metric(api.metrics(), series)).as(series).isEqualTo(expected));
  }

  /** The value of one series (name with its labels, as written) in Prometheus text. */
  static double metric(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        String[] parts = line.substring(series.length() + 1).trim().split(" ");
        return Double.parseDouble(parts[0]);
      }
    }
    throw new AssertionError("no series " + series + " in:\n" + scrape);
  }
}
