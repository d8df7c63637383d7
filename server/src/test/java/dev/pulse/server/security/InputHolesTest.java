package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonObject;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Input that used to slip through: a NUL character (PostgreSQL cannot store one and answered
 * 503), a clientId reused for another recipient (acked as a duplicate of a message to someone
 * else), binary attachments (stored as base64 text). Each is refused clearly, and nothing is lost.
 */
class InputHolesTest extends ServerTest {

  @Test
  void nulCharacterIsABadRequestOnRest() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String token = api.register(alice);
    api.register(bob);

    Response message = api.post("/api/messages", token, new JsonObject().put("to", bob).put("message", "a\u0000b"));
    assertThat(message.status()).as(message.text()).isEqualTo(400);
    assertThat(message.errorCode()).isEqualTo("bad_request");
    assertThat(message.json().getJsonObject("error").getString("message")).contains("NUL");

    Response profile = api.put("/api/me", token, new JsonObject().put("about", "hi\u0000there"));
    assertThat(profile.status()).as(profile.text()).isEqualTo(400);
    Response register = api.post("/api/auth/register", null, new JsonObject().put("username", "nul\u0000user")
        .put("password", Api.PASSWORD).put("displayName", "N").put("gender", "female").put("dateOfBirth", "1990-01-01"));
    assertThat(register.status()).as(register.text()).isEqualTo(400);
    Response login = api.login("x\u0000y", Api.PASSWORD);
    assertThat(login.status()).as(login.text()).isEqualTo(400);
    Response path = api.get("/api/profiles/" + bob + "%00x", token);
    assertThat(path.status()).as(path.text()).isEqualTo(400);
    Response query = api.get("/api/profiles/search?q=a%00b", token);
    assertThat(query.status()).as(query.text()).isEqualTo(400);

    // nothing was stored, and the same request without the NUL works
    assertThat(api.history(token, bob)).isEmpty();
    assertThat(api.post("/api/messages", token, new JsonObject().put("to", bob).put("message", "ab")).status())
        .isEqualTo(201);
  }

  @Test
  void nulCharacterGetsAClearErrorAckOnSockets() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String token = api.register(alice);
    api.register(bob);
    try (Client a = Client.connect(server.baseUrl(), token)) {
      JsonObject ack = a.call("send_message", new JsonObject().put("to", bob).put("message", "a\u0000b"));
      assertThat(ack.getBoolean("ok")).isFalse();
      assertThat(ack.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      assertThat(ack.getJsonObject("error").getString("message")).contains("NUL");
      JsonObject status = a.call("set_status", new JsonObject().put("status", "busy").put("text", "\u0000"));
      assertThat(status.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      JsonObject fine = a.call("send_message", new JsonObject().put("to", bob).put("message", "ab"));
      assertThat(fine.getBoolean("ok")).as(fine.encode()).isTrue();
    }
    assertThat(api.history(token, bob)).hasSize(1);
  }

  @Test
  void clientIdReusedForAnotherRecipientIsRefused() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String carol = Api.uniqueName("carol");
    String token = api.register(alice);
    api.register(bob);
    api.register(carol);
    try (Client a = Client.connect(server.baseUrl(), token)) {
      JsonObject first = a.call("send_message",
          new JsonObject().put("to", bob).put("message", "for bob").put("clientId", "c-1"));
      assertThat(first.getBoolean("ok")).as(first.encode()).isTrue();
      JsonObject retry = a.call("send_message",
          new JsonObject().put("to", bob).put("message", "for bob").put("clientId", "c-1"));
      assertThat(retry.getBoolean("duplicate")).as(retry.encode()).isTrue();
      assertThat(retry.getLong("id")).isEqualTo(first.getLong("id"));

      JsonObject reused = a.call("send_message",
          new JsonObject().put("to", carol).put("message", "for carol").put("clientId", "c-1"));
      assertThat(reused.getBoolean("ok")).as(reused.encode()).isFalse();
      assertThat(reused.getJsonObject("error").getString("code")).isEqualTo("client_id_reused");
    }
    Response rest = api.post("/api/messages", token,
        new JsonObject().put("to", carol).put("message", "for carol").put("clientId", "c-1"));
    assertThat(rest.status()).as(rest.text()).isEqualTo(409);
    assertThat(rest.errorCode()).isEqualTo("client_id_reused");
    assertThat(api.history(token, carol)).isEmpty();
    assertThat(api.history(token, bob)).hasSize(1);
  }

  @Test
  void binaryAttachmentInSendMessageIsRefused() throws Exception {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String token = api.register(alice);
    api.register(bob);
    try (Client a = Client.connect(server.baseUrl(), token)) {
      JSONObject payload = new JSONObject().put("to", bob).put("message", new byte[] {104, 105, 0, -1});
      JsonObject ack = a.callRaw("send_message", payload);
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isFalse();
      assertThat(ack.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      assertThat(ack.getJsonObject("error").getString("message")).contains("Binary");
      // the connection is fine afterwards
      JsonObject fine = a.call("send_message", new JsonObject().put("to", bob).put("message", "text"));
      assertThat(fine.getBoolean("ok")).as(fine.encode()).isTrue();
    }
    assertThat(api.history(token, bob)).hasSize(1);
  }
}
