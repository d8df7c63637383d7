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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Over a rate limit, an event is refused with a reason and a retry time, and nothing is stored. */
class RateLimitTest extends EmbeddedServerTest {
  /** Time for an event already emitted on the server to reach a local client. */
  static final long SETTLE_MS = 300;

  @Override
  protected Map<String, String> env() {
    // messages refill one a second, typing one every ten: neither refills within the bursts below
    return Map.of(
        "MESSAGES_PER_MINUTE", "60", "MESSAGE_BURST", "3",
        "TYPING_PER_MINUTE", "6", "TYPING_BURST", "2");
  }

  @Test
  void rateLimitGivesClearError() throws Exception {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("connection_established");
      // sent back to back without waiting for acks, so the bucket cannot refill in between
      List<CompletableFuture<JsonObject>> acks = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        acks.add(a.callAsync("send_message", new JsonObject().put("to", bob).put("message", "m" + i)));
      }
      for (int i = 0; i < 3; i++) {
        JsonObject ack = acks.get(i).get(10, TimeUnit.SECONDS);
        assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
      }
      JsonObject limited = acks.get(3).get(10, TimeUnit.SECONDS);
      assertThat(limited.getBoolean("ok")).as(limited.encode()).isFalse();
      JsonObject error = limited.getJsonObject("error");
      assertThat(error.getString("code")).isEqualTo("rate_limited");
      // the bucket is empty and refills at one a second: the next send is possible in 1 s
      assertThat(error.getString("message")).isEqualTo("Too many messages: at most 3 at once and 60 per minute; retry in 1 s");

      await().atMost(Duration.ofSeconds(10)).until(() -> b.received("new_message").size() >= 3);
      Thread.sleep(SETTLE_MS);
      assertThat(b.received("new_message")).extracting(e -> e.payload().getString("message"))
          .containsExactly("m1", "m2", "m3");
      assertThat(api.history(bobToken, alice)).extracting(m -> ((JsonObject) m).getString("message"))
          .containsExactly("m1", "m2", "m3");

      // typing has its own bucket (alice's messages used none of it) and is never refused silently
      for (int i = 0; i < 3; i++) {
        a.emit("user_typing", new JsonObject().put("to", bob).put("isTyping", i % 2 == 0));
      }
      JsonObject typingError = a.await("error");
      assertThat(typingError.getString("code")).isEqualTo("rate_limited");
      assertThat(typingError.getString("event")).isEqualTo("user_typing");
      assertThat(typingError.getString("message")).matches("Too many typing: at most 2 at once and 6 per minute; retry in (10|[1-9]) s");
      Thread.sleep(SETTLE_MS);
      assertThat(b.received("user_typing")).hasSize(2);
      assertThat(a.received("error")).hasSize(1);

      // limits are per user: bob still has his whole burst
      JsonObject reply = b.call("send_message", new JsonObject().put("to", alice).put("message", "slow down"));
      assertThat(reply.getBoolean("ok")).as(reply.encode()).isTrue();

      String metrics = api.metrics();
      assertThat(counter(metrics, "messages")).isEqualTo(1.0);
      assertThat(counter(metrics, "typing")).isEqualTo(1.0);
    }
  }

  /** The value of {@code pulse_rate_limited_total{kind="..."}} in a Prometheus scrape. */
  private static double counter(String scrape, String kind) {
    Matcher m = Pattern.compile("(?m)^pulse_rate_limited_total\\{kind=\"" + kind + "\",?\\} (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("pulse_rate_limited_total for %s in:%n%s", kind, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
