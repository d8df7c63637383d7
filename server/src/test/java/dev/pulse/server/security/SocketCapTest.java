package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.EmbeddedServerTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One account cannot open sockets without end, and its backlog of undelivered messages is pushed
 * to one socket per window, not to every socket that connects: what one user can make the server
 * hold stays bounded.
 */
class SocketCapTest extends EmbeddedServerTest {
  static final int BACKLOG = 5;

  @Override
  protected Map<String, String> env() {
    return Map.of("SOCKETS_PER_USER", "3", "CATCH_UP_WINDOW_MS", "60000");
  }

  @Test
  void aSocketPastTheCapIsRefusedWithAReason() {
    String alice = Api.uniqueName("alice");
    String token = api.register(alice);
    List<Client> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        open.add(Client.connect(server.baseUrl(), token));
      }
      Client fourth = Client.open(server.baseUrl(), token);
      open.add(fourth);
      assertThat(fourth.outcome())
          .isEqualTo("error: Too many connections for this account (at most 3); close another tab or window");
      // the open ones are untouched
      assertThat(open.subList(0, 3)).allMatch(Client::connected);
      open.get(0).close();
      // its slot is given back
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
        try (Client retry = Client.open(server.baseUrl(), token)) {
          return retry.outcome().equals("connected");
        }
      });
    } finally {
      open.forEach(Client::close);
    }
    assertThat(api.metrics()).contains("pulse_rate_limited_total{kind=\"sockets\"}");
  }

  @Test
  void backlogIsPushedOnceNotToEverySocket() {
    String bob = Api.uniqueName("bob");
    String carol = Api.uniqueName("carol");
    String bobToken = api.register(bob);
    String carolToken = api.register(carol);
    for (int i = 0; i < BACKLOG; i++) {
      Api.Response sent = api.post("/api/messages", carolToken, new JsonObject().put("to", bob).put("message", "m" + i));
      assertThat(sent.status()).as(sent.text()).isEqualTo(201);
    }
    List<Client> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Client c = Client.openWithoutAcks(server.baseUrl(), bobToken);
        sockets.add(c);
        assertThat(c.outcome()).isEqualTo("connected");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> total(sockets) >= BACKLOG);
      // long enough for a second socket's catch-up to have arrived
      Client.pause(Duration.ofSeconds(2));
      assertThat(total(sockets)).as("new_message pushed over the 3 sockets").isEqualTo(BACKLOG);

      // once the socket that had it closes, the next one catches up at once (nothing was confirmed)
      Client first = sockets.stream().filter(c -> !c.received("new_message").isEmpty()).findFirst().orElseThrow();
      first.close();
      sockets.remove(first);
      Client next = Client.openWithoutAcks(server.baseUrl(), bobToken);
      sockets.add(next);
      assertThat(next.outcome()).isEqualTo("connected");
      await().atMost(Duration.ofSeconds(10)).until(() -> next.received("new_message").size() == BACKLOG);
    } finally {
      sockets.forEach(Client::close);
    }
  }

  @Test
  void twoHundredNeverAckingSocketsOfOneAccountHoldOnlyTheCap() throws Exception {
    restartWith(Map.of());
    String dave = Api.uniqueName("dave");
    String erin = Api.uniqueName("erin");
    String daveToken = api.register(dave);
    String erinToken = api.register(erin);
    for (int i = 0; i < BACKLOG; i++) {
      api.post("/api/messages", erinToken, new JsonObject().put("to", dave).put("message", "x".repeat(2_000)));
    }
    List<Client> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        sockets.add(Client.openWithoutAcks(server.baseUrl(), daveToken));
      }
      Duration connecting = Duration.ofSeconds(60);
      long connected = sockets.stream().filter(c -> c.outcome(connecting).equals("connected")).count();
      long refused = sockets.stream().filter(c -> c.outcome(connecting).startsWith("error: Too many connections"))
          .count();
      assertThat(connected).as("sockets accepted (SOCKETS_PER_USER default)").isEqualTo(10);
      assertThat(refused).isEqualTo(190);
      await().atMost(Duration.ofSeconds(10)).until(() -> total(sockets) >= BACKLOG);
      Client.pause(Duration.ofSeconds(2));
      assertThat(total(sockets)).as("the backlog is pushed once over all sockets").isEqualTo(BACKLOG);
    } finally {
      sockets.forEach(Client::close);
    }
  }

  private static int total(List<Client> sockets) {
    return sockets.stream().mapToInt(c -> c.received("new_message").size()).sum();
  }
}
