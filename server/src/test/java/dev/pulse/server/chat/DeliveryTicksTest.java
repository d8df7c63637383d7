package dev.pulse.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ✓✓ means the recipient's client confirmed the message and the server recorded it: the
 * send_message ack never claims it, message_delivered never covers a message not confirmed,
 * and what history says agrees with what the sender was told.
 */
class DeliveryTicksTest extends ServerTest {
  /** Time for a receipt the server would have sent to reach a local client. */
  static final Duration SETTLE = Duration.ofMillis(400);

  String alice;
  String bob;
  String aliceToken;
  String bobToken;

  @BeforeEach
  void registerUsers() {
    alice = Api.uniqueName("alice");
    bob = Api.uniqueName("bob");
    aliceToken = api.register(alice);
    bobToken = api.register(bob);
  }

  private JsonObject send(Client from, String text, String clientId) {
    JsonObject ack = from.call("send_message", new JsonObject().put("to", bob).put("message", text).put("clientId", clientId));
    assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
    return ack;
  }

  private static java.util.List<Long> ids(JsonObject receipt) {
    return receipt.getJsonArray("ids").stream().map(n -> ((Number) n).longValue()).toList();
  }

  private JsonObject stored(long id) {
    JsonArray history = api.history(aliceToken, bob);
    for (int i = 0; i < history.size(); i++) {
      if (history.getJsonObject(i).getLong("id") == id) {
        return history.getJsonObject(i);
      }
    }
    throw new AssertionError("message " + id + " not in history " + history.encode());
  }

  @Test
  void sendAckSaysSentUntilTheRecipientsClientConfirms() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken).withoutAcks()) {
      String clientId = UUID.randomUUID().toString();
      JsonObject ack = send(a, "Are you there?", clientId);
      long id = ack.getLong("id");
      b.await("new_message", m -> m.getLong("id") == id);
      // an open connection is not a confirmation
      assertThat(ack.getString("status")).isEqualTo("sent");
      assertThat(ack.getBoolean("delivered")).as(ack.encode()).isFalse();
      assertThat(ack.getValue("deliveredAt")).isNull();
      Client.pause(SETTLE);
      assertThat(a.received("message_delivered")).isEmpty();
      assertThat(stored(id).getValue("deliveredAt")).isNull();

      // bob's next tab confirms it as it catches up: recorded, then told
      try (Client b2 = Client.connect(server.baseUrl(), bobToken)) {
        b2.await("new_message", m -> m.getLong("id") == id);
        JsonObject receipt = a.await("message_delivered");
        assertThat(receipt.getString("by")).isEqualTo(bob);
        assertThat(receipt.getLong("upToId")).isEqualTo(id);
        assertThat(ids(receipt)).containsExactly(id);
        assertThat(stored(id).getString("deliveredAt")).isEqualTo(receipt.getString("at"));
      }
      // a retry of the same send now reports what was recorded
      JsonObject again = send(a, "Are you there?", clientId);
      assertThat(again.getBoolean("duplicate")).isTrue();
      assertThat(again.getString("status")).isEqualTo("delivered");
      assertThat(again.getBoolean("delivered")).isTrue();
    }
  }

  @Test
  void theFirstConnectionToConfirmMakesItDeliveredWithoutWaitingForASilentOne() {
    // bob has a tab that never answers (frozen, or closed without a word) and one that does;
    // the silent one would hold the receipt for the 30 s ack timeout
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client silent = Client.connect(server.baseUrl(), bobToken).withoutAcks();
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      long id = send(a, "which tab reads this?", UUID.randomUUID().toString()).getLong("id");
      silent.await("new_message", m -> m.getLong("id") == id);
      JsonObject receipt = a.await("message_delivered");
      assertThat(ids(receipt)).containsExactly(id);
      assertThat(stored(id).getValue("deliveredAt")).isNotNull();
    }
  }

  @Test
  void aLaterConfirmationDoesNotMarkAnEarlierUnconfirmedMessageDelivered() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken).withoutAcks()) {
      long first = send(a, "first, lost on the way", UUID.randomUUID().toString()).getLong("id");
      b.await("new_message", m -> m.getLong("id") == first);
      b.withAcks();
      long second = send(a, "second, confirmed", UUID.randomUUID().toString()).getLong("id");

      JsonObject receipt = a.await("message_delivered");
      assertThat(ids(receipt)).containsExactly(second);
      assertThat(receipt.getLong("upToId")).as("the watermark stops before the unconfirmed message").isLessThan(first);
      assertThat(stored(first).getValue("deliveredAt")).isNull();
      assertThat(stored(second).getValue("deliveredAt")).isNotNull();

      // once the first is confirmed too, it is told, and the watermark covers it
      try (Client b2 = Client.connect(server.baseUrl(), bobToken)) {
        b2.await("new_message", m -> m.getLong("id") == first);
        JsonObject then = a.await("message_delivered", r -> ids(r).contains(first));
        assertThat(then.getLong("upToId")).isGreaterThanOrEqualTo(first);
        assertThat(stored(first).getValue("deliveredAt")).isNotNull();
      }
    }
  }

  @Test
  void readMessagesStayReadAndDeliveredInHistory() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      long id = send(a, "read me", UUID.randomUUID().toString()).getLong("id");
      b.await("new_message", m -> m.getLong("id") == id);
      a.await("message_delivered");
      JsonObject read = b.call("mark_read", new JsonObject().put("with", alice).put("upToId", id));
      assertThat(read.getBoolean("ok")).as(read.encode()).isTrue();
      a.await("message_read");
      JsonObject m = stored(id);
      assertThat(m.getString("readAt")).isNotNull();
      assertThat(m.getString("deliveredAt")).isNotNull();
      JsonObject again = a.call("send_message", new JsonObject().put("to", bob).put("message", "read me")
          .put("clientId", m.getString("clientId")));
      assertThat(again.getString("status")).isEqualTo("read");
    }
  }
}
