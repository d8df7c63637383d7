package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Member;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.PulseFixture;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A blocked user cannot tell the blocker's comings and goings from anything they are shown:
 * counts leave out the online users who blocked them (so count minus list is no one), receipts
 * do not cross the block, history shows no delivery or reading after it, and /metrics is not
 * public.
 */
class BlockedUserLearnsNothingTest extends ServerTest {
  static final long GRACE_MS = 300;
  static final Duration SETTLE = Duration.ofMillis(400);

  @Override
  protected Map<String, String> env() {
    return Map.of("PRESENCE_GRACE_MS", String.valueOf(GRACE_MS), "ONLINE_COUNT_INTERVAL_MS", "50");
  }

  private static int lastCount(Client c) {
    List<Client.Event> counts = c.received("online_count_update");
    return counts.isEmpty() ? -1 : counts.get(counts.size() - 1).payload().getInteger("count");
  }

  private int restCount(String token) {
    return api.get("/api/users/online-status/count", token).json().getInteger("count");
  }

  private int restListSize(String token) {
    return api.get("/api/users/online-status/users", token).json().getJsonArray("users").size();
  }

  @Test
  void everyCountABlockedUserSeesLeavesOutOnlineBlockers() {
    Member alice = api.member("alice");
    Member bob = api.member("bob");
    Member carol = api.member("carol");
    api.block(alice.token(), bob.name());
    try (Client c = Client.connect(server.baseUrl(), carol.token());
        Client b = Client.connect(server.baseUrl(), bob.token())) {
      c.await("online_count_update", p -> p.getInteger("count") == 2);
      await().atMost(Duration.ofSeconds(5)).until(() -> lastCount(b) == 2);

      try (Client a = Client.connect(server.baseUrl(), alice.token())) {
        // carol counts alice; bob must not be able to
        c.await("online_count_update", p -> p.getInteger("count") == 3);
        assertThat(restCount(carol.token())).isEqualTo(3);
        Client.pause(SETTLE);
        assertThat(b.received("online_count_update")).allSatisfy(e -> assertThat(e.payload().getInteger("count")).isEqualTo(2));
        assertThat(restCount(bob.token())).isEqualTo(2).isEqualTo(restListSize(bob.token()));
      }
      c.await("online_count_update", p -> p.getInteger("count") == 2 && lastCount(c) == 2);
      Client.pause(SETTLE);
      assertThat(b.received("online_count_update")).allSatisfy(e -> assertThat(e.payload().getInteger("count")).isEqualTo(2));

      // blocked while both are online: carol vanishes from bob's count too, and comes back when unblocked
      api.block(carol.token(), bob.name());
      await().atMost(Duration.ofSeconds(5)).until(() -> lastCount(b) == 1);
      assertThat(restCount(bob.token())).isEqualTo(1).isEqualTo(restListSize(bob.token()));
      assertThat(lastCount(c)).isEqualTo(2);
      assertThat(api.delete("/api/blocks/" + bob.name(), carol.token()).status()).isEqualTo(204);
      await().atMost(Duration.ofSeconds(5)).until(() -> lastCount(b) == 2);
    }
  }

  @Test
  void receiptsAndHistoryShowABlockedSenderNothingAfterTheBlock() {
    Member alice = api.member("alice");
    Member bob = api.member("bob");
    try (Client a = Client.connect(server.baseUrl(), alice.token())) {
      JsonObject ack = a.call("send_message", new JsonObject().put("to", bob.name()).put("message", "hello?"));
      long id = ack.getLong("id");
      // bob blocks alice, then comes online and reads what she sent before
      api.block(bob.token(), alice.name());
      try (Client b1 = Client.connect(server.baseUrl(), bob.token());
          Client b2 = Client.connect(server.baseUrl(), bob.token())) {
        b1.await("new_message", m -> m.getLong("id") == id);
        JsonObject read = b1.call("mark_read", new JsonObject().put("with", alice.name()).put("upToId", id));
        assertThat(read.getBoolean("ok")).as(read.encode()).isTrue();
        // his other tab hears he read it (the same broadcast alice would have been in)
        b2.await("message_read", r -> r.getLong("upToId") == id);
        JsonArray bobsView = api.history(bob.token(), alice.name());
        assertThat(bobsView.getJsonObject(0).getString("deliveredAt")).isNotNull();
        assertThat(bobsView.getJsonObject(0).getString("readAt")).isNotNull();
        Client.pause(SETTLE);
      }
      assertThat(a.received("message_delivered")).isEmpty();
      assertThat(a.received("message_read")).isEmpty();
      JsonObject alicesView = api.history(alice.token(), bob.name()).getJsonObject(0);
      assertThat(alicesView.getValue("deliveredAt")).isNull();
      assertThat(alicesView.getValue("readAt")).isNull();
      JsonObject conversation = api.get("/api/conversations", alice.token()).json().getJsonArray("items").getJsonObject(0);
      assertThat(conversation.getJsonObject("lastMessage").getValue("readAt")).isNull();
      assertThat(conversation.getJsonObject("lastMessage").getValue("deliveredAt")).isNull();
    }
  }

  @Test
  void metricsNeedTheConfiguredTokenAndAreOffWithoutOne() throws Exception {
    assertThat(api.get("/metrics", null).status()).isEqualTo(401);
    assertThat(api.get("/metrics", "not-the-token").status()).isEqualTo(401);
    assertThat(api.get("/metrics", api.register(Api.uniqueName("eve"))).status()).as("a user's token").isEqualTo(401);
    Api.Response scrape = api.get("/metrics", PulseFixture.METRICS_TOKEN);
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.text()).contains("pulse_users_online");

    restartWith(Map.of("METRICS_TOKEN", ""));
    Api.Response off = api.get("/metrics", PulseFixture.METRICS_TOKEN);
    assertThat(off.status()).isEqualTo(404);
    assertThat(off.errorCode()).isEqualTo("not_found");
  }
}
