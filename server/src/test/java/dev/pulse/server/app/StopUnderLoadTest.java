package dev.pulse.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Backend;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.PulseFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Stopping a server that is busy storing messages: everything it acknowledged is in the database
 * when it comes back, and no write fails because the database was closed under it.
 */
class StopUnderLoadTest {
  private static final int SENDERS = 4;
  private static final int MESSAGES_EACH = 2_500;

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void capture() {
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void release() {
    root.detachAppender(appender);
  }

  private record Pair(String sender, String senderToken, String recipient, String recipientToken) {}

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Backend.class)
  void everyAcknowledgedMessageIsStoredWhenTheServerStopsUnderLoad(Backend backend) throws Exception {
    try (PulseFixture server = PulseFixture.start(backend,
        Map.of("MESSAGES_PER_MINUTE", "1000000", "MESSAGE_BURST", "1000000"))) {
      List<Pair> pairs = new ArrayList<>();
      for (int i = 0; i < SENDERS; i++) {
        String sender = Api.uniqueName("sender");
        String recipient = Api.uniqueName("recipient");
        pairs.add(new Pair(sender, server.api().register(sender), recipient, server.api().register(recipient)));
      }
      List<Client> clients = new ArrayList<>();
      List<CompletableFuture<JsonObject>> acks = new ArrayList<>();
      List<String> clientIds = new ArrayList<>();
      try {
        for (Pair p : pairs) {
          clients.add(Client.connect(server.baseUrl(), p.senderToken()));
        }
        for (int n = 0; n < MESSAGES_EACH; n++) {
          for (int i = 0; i < SENDERS; i++) {
            String clientId = "m" + i + "-" + n;
            clientIds.add(clientId);
            acks.add(clients.get(i).callAsync("send_message", new JsonObject()
                .put("to", pairs.get(i).recipient()).put("message", "load " + n).put("clientId", clientId)));
          }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acks.stream().filter(CompletableFuture::isDone).count() > 200);

        server.restart();
      } finally {
        clients.forEach(Client::close);
      }

      Set<String> acked = new HashSet<>();
      for (int k = 0; k < acks.size(); k++) {
        JsonObject ack = acks.get(k).getNow(null);
        if (ack != null && Boolean.TRUE.equals(ack.getBoolean("ok"))) {
          acked.add(clientIds.get(k));
        }
      }
      assertThat(acked).as("some sends were acknowledged before the stop").isNotEmpty();
      Set<String> stored = new HashSet<>();
      for (Pair p : pairs) {
        stored.addAll(allClientIds(server.api(), p.recipientToken(), p.sender()));
      }
      assertThat(stored).as("every acknowledged message is stored").containsAll(acked);
      assertThat(appender.list).as("no write failed while stopping")
          .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
              && (e.getLoggerName().endsWith("MessageWriter") || e.getLoggerName().endsWith("DeliveryReceipts")
                  || e.getFormattedMessage().contains("closed")));
    }
  }

  /** The clientIds of every message in a conversation, paging back through its history. */
  private static Set<String> allClientIds(Api api, String token, String with) {
    Set<String> ids = new HashSet<>();
    String path = "/api/conversations/" + with + "/messages?limit=100";
    for (String before = ""; before != null; ) {
      Api.Response page = api.get(path + before, token);
      assertThat(page.status()).as(page.text()).isEqualTo(200);
      JsonArray items = page.json().getJsonArray("items");
      items.forEach(o -> ids.add(((JsonObject) o).getString("clientId")));
      Object next = page.json().getValue("nextBefore");
      before = next == null ? null : "&before=" + next;
    }
    return ids;
  }
}
