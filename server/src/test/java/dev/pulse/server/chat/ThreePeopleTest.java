package dev.pulse.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;

/** Alice and Bob, who talk, and Carol, a stranger to their conversation: new for every test. */
abstract class ThreePeopleTest extends ServerTest {
  String alice;
  String bob;
  String carol;
  String aliceToken;
  String bobToken;
  String carolToken;

  @BeforeEach
  void registerUsers() {
    alice = Api.uniqueName("alice");
    bob = Api.uniqueName("bob");
    carol = Api.uniqueName("carol");
    aliceToken = api.register(alice);
    bobToken = api.register(bob);
    carolToken = api.register(carol);
  }

  /** Sends a text message and returns its ack, which must be {@code ok}. */
  static JsonObject sendText(Client from, String to, String text) {
    JsonObject ack = from.send(to, text);
    assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
    return ack;
  }
}
