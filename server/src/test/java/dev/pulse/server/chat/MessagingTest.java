package dev.pulse.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Backend;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.PulseFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class MessagingTest {
  @Parameter
  Backend backend;

  PulseFixture server;
  Api api;

  @BeforeEach
  void start() throws Exception {
    server = PulseFixture.start(backend);
    api = server.api();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void messageDeliveredWhenRecipientOnline() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("online_count_update");
      JsonObject ack = a.call("send_message", new JsonObject().put("to", bob).put("message", "Hello Bob"));
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
      assertThat(ack.getBoolean("delivered")).isTrue();
      JsonObject got = b.await("new_message", m -> m.getLong("id").equals(ack.getLong("id")));
      assertThat(got.getString("from")).isEqualTo(alice);
      assertThat(got.getString("to")).isEqualTo(bob);
      assertThat(got.getString("message")).isEqualTo("Hello Bob");
      assertThat(got.getString("timestamp")).isEqualTo(ack.getString("timestamp"));
    }
  }
}
