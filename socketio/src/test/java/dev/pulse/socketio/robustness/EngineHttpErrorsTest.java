package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.Wire.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.robustness.Wire.Resp;
import dev.pulse.socketio.robustness.Wire.Ws;
import dev.pulse.socketio.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exact status and JSON body of every Engine.IO HTTP error, on the raw wire. */
@Timeout(20)
class EngineHttpErrorsTest {

  private static final int MAX_PAYLOAD = 10_000;
  private static final String ALLOWED = "https://app.example";

  private static TestServer server;
  private static Wire wire;

  @BeforeAll
  static void start() {
    SocketIoOptions options = new SocketIoOptions();
    options.engine().maxPayload(MAX_PAYLOAD).allowedOrigins(java.util.List.of(ALLOWED));
    server = TestServer.start(options, io -> { });
    wire = new Wire(server.port);
  }

  @AfterAll
  static void stop() {
    wire.close();
    server.close();
  }

  private static void assertError(Resp resp, int status, int code, String message) {
    assertThat(resp.status()).as("status of %s", resp).isEqualTo(status);
    assertThat(resp.headers().get("Content-Type")).startsWith("application/json");
    assertThat(resp.body()).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
  }

  @Test
  void anUnknownTransportIsAnsweredWith400Code0() throws Exception {
    assertError(wire.get(uri("carrier-pigeon", "")), 400, 0, "Transport unknown");
    assertError(wire.get(Wire.PATH + "?EIO=4"), 400, 0, "Transport unknown");
  }

  @Test
  void anUnknownSidIsAnsweredWith400Code1() throws Exception {
    assertError(wire.get(uri("polling", "&sid=doesnotexist")), 400, 1, "Session ID unknown");
    assertError(wire.post(uri("polling", "&sid=doesnotexist"), "4hi"), 400, 1,
        "Session ID unknown");
  }

  @Test
  void aHandshakeByPostIsAnsweredWith400Code2() throws Exception {
    assertError(wire.post(uri("polling", ""), ""), 400, 2, "Bad handshake method");
    assertError(wire.request(HttpMethod.PUT, uri("polling", ""), Map.of(), Buffer.buffer("x"),
        5000), 400, 2, "Bad handshake method");
  }

  @Test
  void aPollingRequestAfterTheUpgradeIsAnsweredWith400Code3() throws Exception {
    String sid = wire.pollingHandshake();
    Ws ws = wire.connectWs(uri("websocket", "&sid=" + sid));
    try {
      ws.send("2probe");
      assertThat(ws.next(2000)).isEqualTo("3probe");
      ws.send("5");
      // The upgrade is processed in order on the server loop; give the frame a moment.
      Resp resp = null;
      for (int i = 0; i < 20; i++) {
        resp = wire.get(uri("polling", "&sid=" + sid));
        if (resp.status() == 400) {
          break;
        }
        Thread.sleep(20); // a NOOP answered a GET that raced with the upgrade
      }
      assertError(resp, 400, 3, "Bad request");
      ws.send("4x"); // the session itself lives on, over the WebSocket
      assertThat(ws.isClosed()).isFalse();
    } finally {
      ws.close();
    }
  }

  @Test
  void protocolVersion3IsAnsweredWith400Code5() throws Exception {
    assertError(wire.get(Wire.PATH + "?EIO=3&transport=polling"), 400, 5,
        "Unsupported protocol version");
    assertError(wire.get(Wire.PATH + "?transport=polling"), 400, 5,
        "Unsupported protocol version");
  }

  @Test
  void aSecondConcurrentGetIsRefusedTheFirstGetsCloseAndTheSessionIsDestroyed() throws Exception {
    String sid = wire.pollingHandshake();
    Future<Resp> first = wire.requestAsync(HttpMethod.GET, uri("polling", "&sid=" + sid),
        Map.of(), null);
    Thread.sleep(100); // let the first GET become the pending long-poll
    assertThat(first.isComplete()).as("first GET is held").isFalse();
    Resp second = wire.get(uri("polling", "&sid=" + sid + "&t=burst"));
    assertThat(second.status()).isEqualTo(400);
    Resp firstResp = Wire.await(first, 2000);
    assertThat(firstResp.status()).isEqualTo(200);
    assertThat(firstResp.body()).isEqualTo("1");
    assertError(wire.get(uri("polling", "&sid=" + sid)), 400, 1, "Session ID unknown");
  }

  @Test
  void aPostLargerThanMaxPayloadGets413AndTheSessionStillWorks() throws Exception {
    String sid = wire.pollingHandshake();
    String huge = "4" + "x".repeat(MAX_PAYLOAD * 2);
    Resp tooLarge = wire.post(uri("polling", "&sid=" + sid), huge);
    assertThat(tooLarge.status()).isEqualTo(413);

    Resp post = wire.post(uri("polling", "&sid=" + sid), "40");
    assertThat(post.status()).isEqualTo(200);
    assertThat(post.body()).isEqualTo("ok");
    Resp get = wire.get(uri("polling", "&sid=" + sid));
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body()).startsWith("40{\"sid\":");
  }

  @Test
  void aPostWithoutContentLengthLargerThanMaxPayloadGets413AndTheSessionStillWorks()
      throws Exception {
    String sid = wire.pollingHandshake();
    // Chunked: the server only learns the size while reading. The client is kept in a local:
    // Vert.x 5 shuts a client down, connections included, once it is garbage collected.
    io.vertx.core.http.HttpClient chunkedClient = wire.vertx.createHttpClient();
    Resp tooLarge = Wire.await(chunkedClient.request(new io.vertx.core.http
        .RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(server.port)
        .setURI(uri("polling", "&sid=" + sid)))
        .compose(req -> {
          req.setChunked(true);
          for (int i = 0; i < 4; i++) {
            req.write("4" + "y".repeat(MAX_PAYLOAD / 2));
          }
          return req.end().compose(v -> req.response())
              .compose(r -> r.body().map(b -> new Resp(r.statusCode(), r.headers(),
                  b.toString())));
        }), 5000);
    chunkedClient.close();
    assertThat(tooLarge.status()).isEqualTo(413);

    assertThat(wire.post(uri("polling", "&sid=" + sid), "40").body()).isEqualTo("ok");
    assertThat(wire.get(uri("polling", "&sid=" + sid)).body()).startsWith("40{\"sid\":");
  }

  @Test
  void aCorsPreflightFromAnAllowedOriginIsAnswered204WithAllowOrigin() throws Exception {
    Resp resp = wire.request(HttpMethod.OPTIONS, uri("polling", ""),
        Map.of("Origin", ALLOWED, "Access-Control-Request-Method", "POST",
            "Access-Control-Request-Headers", "content-type"), null, 5000);
    assertThat(resp.status()).isEqualTo(204);
    assertThat(resp.headers().get("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    assertThat(resp.headers().get("Access-Control-Allow-Methods")).contains("POST");
    assertThat(resp.headers().get("Access-Control-Allow-Headers")).containsIgnoringCase(
        "content-type");
    assertThat(resp.body()).isEmpty();
  }

  @Test
  void aPollingHandshakeStillWorksAfterAllTheseErrors() throws Exception {
    Resp resp = wire.get(uri("polling", ""));
    assertThat(resp.status()).isEqualTo(200);
    JsonObject open = new JsonObject(resp.body().substring(1));
    assertThat(open.fieldNames()).containsExactly(
        "sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
    assertThat(open.getInteger("maxPayload")).isEqualTo(MAX_PAYLOAD);
  }
}
