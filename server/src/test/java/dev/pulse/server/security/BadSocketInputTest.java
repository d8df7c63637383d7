package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.EmbeddedServerTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Whatever one socket sends, it gets a clear answer and nobody else notices: malformed events are
 * refused one by one, and only a packet over the size limit costs the sender its connection.
 */
class BadSocketInputTest extends EmbeddedServerTest {
  /** Time for an event already emitted on the server to reach a local client. */
  static final long SETTLE_MS = 300;
  static final int MAX_PAYLOAD = 2048;

  @Test
  void malformedEventsGetBadRequestAndHurtNoOne() throws Exception {
    String mallory = Api.uniqueName("mallory");
    String carol = Api.uniqueName("carol");
    String dave = Api.uniqueName("dave");
    String malloryToken = api.register(mallory);
    String carolToken = api.register(carol);
    String daveToken = api.register(dave);
    try (Client m = Client.connect(server.baseUrl(), malloryToken);
        Client c = Client.connect(server.baseUrl(), carolToken);
        Client d = Client.connect(server.baseUrl(), daveToken)) {
      d.await("connection_established");
      String notAnObject = "'send_message' expects one JSON object";
      assertBadRequest(m.callRaw("send_message", "hello"), notAnObject);
      assertBadRequest(m.callRaw("send_message", 42), notAnObject);
      assertBadRequest(m.callRaw("send_message"), notAnObject);
      assertBadRequest(m.callRaw("send_message", JSONObject.NULL), notAnObject);
      assertBadRequest(m.callRaw("send_message", new JSONArray().put(carol).put("hi")), notAnObject);
      assertBadRequest(m.callRaw("send_message", (Object) new byte[] {1, 2, 3}), notAnObject);
      assertBadRequest(m.callRaw("mark_read", true), "'mark_read' expects one JSON object");
      assertBadRequest(m.callRaw("set_status", 1.5), "'set_status' expects one JSON object");
      assertBadRequest(m.callRaw("hack_the_planet", new JSONObject()), "Unknown event 'hack_the_planet'");

      // fields of the wrong type or far too long are named in the error
      String huge = "h".repeat(50_000);
      assertBadRequest(m.call("send_message", new JsonObject().put("to", 123).put("message", "hi")), "'to' must be a string");
      assertBadRequest(m.call("send_message", new JsonObject().put("to", carol).put("message", new JsonObject())),
          "'message' must be a string");
      assertBadRequest(m.call("send_message", new JsonObject().put("to", huge).put("message", "hi")),
          "'to' can be at most 32 characters");
      assertBadRequest(m.call("send_message", new JsonObject().put("to", carol).put("message", "hi").put("clientId", huge)),
          "'clientId' can be at most 64 characters");
      assertBadRequest(m.call("set_status", new JsonObject().put("status", "busy").put("text", huge)),
          "'text' can be at most 100 characters");
      assertBadRequest(m.call("set_status", new JsonObject().put("status", huge)), "'status' can be at most 8 characters");
      assertBadRequest(m.call("mark_read", new JsonObject().put("with", huge).put("upToId", 1)),
          "'with' can be at most 32 characters");
      assertBadRequest(m.call("user_typing", new JsonObject().put("to", carol).put("isTyping", "yes")),
          "'isTyping' must be true or false");
      JsonObject tooLong = m.call("send_message", new JsonObject().put("to", carol).put("message", huge));
      assertThat(tooLong.getJsonObject("error").getString("code")).isEqualTo("message_too_long");

      // without an ack, the same refusals come as error events naming the event
      m.emitRaw("user_typing", "typing!");
      m.emitRaw("hack_the_planet");
      await().atMost(Duration.ofSeconds(10)).until(() -> m.received("error").size() == 2);
      assertThat(m.received("error")).extracting(e -> e.payload().getString("event"))
          .containsExactly("user_typing", "hack_the_planet");
      assertThat(m.received("error")).extracting(e -> e.payload().getString("code"))
          .containsExactly("bad_request", "bad_request");

      // nothing reached anyone, nothing was stored, and everyone's connection still works
      Thread.sleep(SETTLE_MS);
      assertThat(c.received("new_message")).isEmpty();
      assertThat(c.received("user_typing")).isEmpty();
      assertThat(c.received("error")).isEmpty();
      assertThat(api.get("/api/conversations", carolToken).json().getJsonArray("items")).isEmpty();
      JsonObject between = c.call("send_message", new JsonObject().put("to", dave).put("message", "Still fine?"));
      assertThat(between.getBoolean("ok")).as(between.encode()).isTrue();
      assertThat(d.await("new_message").getLong("id")).isEqualTo(between.getLong("id"));
      assertThat(m.connected()).isTrue();
      JsonObject fromMallory = m.call("send_message", new JsonObject().put("to", carol).put("message", "Sorry"));
      assertThat(fromMallory.getBoolean("ok")).as(fromMallory.encode()).isTrue();
      assertThat(c.await("new_message").getString("message")).isEqualTo("Sorry");
    }
  }

  @Test
  void oversizedPacketClosesOnlyThatConnection() throws Exception {
    restartWith(Map.of("MAX_PAYLOAD_BYTES", Integer.toString(MAX_PAYLOAD)));
    String mallory = Api.uniqueName("mallory");
    String carol = Api.uniqueName("carol");
    String dave = Api.uniqueName("dave");
    String malloryToken = api.register(mallory);
    String carolToken = api.register(carol);
    String daveToken = api.register(dave);
    try (Client m1 = Client.connect(server.baseUrl(), malloryToken);
        Client m2 = Client.connect(server.baseUrl(), malloryToken);
        Client c = Client.connect(server.baseUrl(), carolToken);
        Client d = Client.connect(server.baseUrl(), daveToken)) {
      d.await("connection_established");
      // a packet just under the limit is an ordinary message
      String fits = "f".repeat(MAX_PAYLOAD - 200);
      JsonObject ok = m1.call("send_message", new JsonObject().put("to", carol).put("message", fits));
      assertThat(ok.getBoolean("ok")).as(ok.encode()).isTrue();
      assertThat(socketsConnected()).isEqualTo(4);

      m1.emit("send_message", new JsonObject().put("to", carol).put("message", "x".repeat(MAX_PAYLOAD * 2)));
      // The server drops the session at once. (This Java client only notices when the server
      // ends the TCP connection, Vert.x's WebSocket closing timeout later: it does not answer
      // the close frame. Browsers do.)
      await().atMost(Duration.ofSeconds(10)).until(() -> socketsConnected() == 3);

      // mallory's other tab, and everyone else, carry on; mallory never looked offline
      assertThat(m2.connected()).isTrue();
      assertThat(c.connected()).isTrue();
      assertThat(d.connected()).isTrue();
      JsonObject between = c.call("send_message", new JsonObject().put("to", dave).put("message", "Still here"));
      assertThat(between.getBoolean("ok")).as(between.encode()).isTrue();
      assertThat(d.await("new_message").getLong("id")).isEqualTo(between.getLong("id"));
      JsonObject fromTab = m2.call("send_message", new JsonObject().put("to", carol).put("message", "Other tab"));
      assertThat(fromTab.getBoolean("ok")).as(fromTab.encode()).isTrue();
      c.await("new_message", p -> "Other tab".equals(p.getString("message")));
      // the oversized message was never stored
      assertThat(api.history(carolToken, mallory))
          .extracting(o -> ((JsonObject) o).getString("message")).containsExactly(fits, "Other tab");
      assertThat(c.hasReceived("user_offline", p -> mallory.equals(p.getString("username")))).isFalse();
      // messages to mallory now reach the open tab only
      JsonObject reply = c.call("send_message", new JsonObject().put("to", mallory).put("message", "Which tab?"));
      assertThat(m2.await("new_message", p -> "Which tab?".equals(p.getString("message"))).getLong("id"))
          .isEqualTo(reply.getLong("id"));
      Thread.sleep(SETTLE_MS);
      assertThat(m1.received("new_message")).isEmpty();
    }
  }

  private static void assertBadRequest(JsonObject ack, String message) {
    assertThat(ack.getBoolean("ok")).as(ack.encode()).isFalse();
    assertThat(ack.getJsonObject("error")).isEqualTo(new JsonObject().put("code", "bad_request").put("message", message));
  }

  /** {@code pulse_sockets_connected} from /metrics: what the server holds open, not what clients think. */
  private int socketsConnected() {
    String scrape = api.metrics();
    Matcher m = Pattern.compile("(?m)^pulse_sockets_connected (\\S+)$").matcher(scrape);
    assertThat(m.find()).as(scrape).isTrue();
    return (int) Double.parseDouble(m.group(1));
  }
}
