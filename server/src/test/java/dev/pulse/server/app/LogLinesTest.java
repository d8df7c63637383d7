package dev.pulse.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Backend;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.PulseFixture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The log tells an operator who came and went and what was delivered, one line each. */
class LogLinesTest {
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

  private List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void presenceAndDeliveryAreLogged() throws Exception {
    try (PulseFixture server = PulseFixture.start(Backend.SQLITE)) {
      String alice = Api.uniqueName("alice");
      String bob = Api.uniqueName("bob");
      String aliceToken = server.api().register(alice);
      String bobToken = server.api().register(bob);
      long id;
      try (Client a1 = Client.connect(server.baseUrl(), aliceToken);
          Client a2 = Client.connect(server.baseUrl(), aliceToken);
          Client b = Client.connect(server.baseUrl(), bobToken)) {
        id = a1.call("send_message", new JsonObject().put("to", bob).put("message", "hi")).getLong("id");
        b.await("new_message");
      }
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines()).contains("user " + bob + " offline"));
      assertThat(lines()).contains(
          "user " + alice + " online (1 socket)",
          "user " + alice + " online (2 sockets)",
          "message " + id + " " + alice + " -> " + bob + " delivered");
    }
  }
}
