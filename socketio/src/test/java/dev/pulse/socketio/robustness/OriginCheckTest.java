package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.Wire.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.robustness.Wire.Resp;
import dev.pulse.socketio.robustness.Wire.Ws;
import dev.pulse.socketio.testing.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which browser origins may open sessions, over polling and WebSocket alike. */
@Timeout(20)
class OriginCheckTest {

  private static final String GOOD = "https://good.example";
  private static final String EVIL = "https://evil.example";
  private static final String FORBIDDEN = "{\"code\":4,\"message\":\"Forbidden\"}";

  private TestServer server;
  private Wire wire;

  private void start(List<String> allowedOrigins) {
    SocketIoOptions options = new SocketIoOptions();
    if (allowedOrigins != null) {
      options.engine().allowedOrigins(allowedOrigins);
    }
    server = TestServer.start(options, io -> { });
    wire = new Wire(server.port);
  }

  @AfterEach
  void stop() {
    if (wire != null) {
      wire.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Resp pollingHandshake(String origin) throws Exception {
    return wire.request(HttpMethod.GET, uri("polling", ""),
        origin == null ? Map.of() : Map.of("Origin", origin), null, 5000);
  }

  /** Status of a WebSocket upgrade: 101 when it opened (and the open packet arrived). */
  private int upgradeStatus(String origin) throws Exception {
    Map<String, String> headers = origin == null ? Map.of() : Map.of("Origin", origin);
    Throwable refused = catchThrowable(() -> {
      Ws ws = wire.connectWs(uri("websocket", ""), headers, 5000);
      try {
        ws.expectOpen(2000);
      } finally {
        ws.close();
      }
    });
    if (refused == null) {
      return 101;
    }
    assertThat(refused).isInstanceOf(UpgradeRejectedException.class);
    return ((UpgradeRejectedException) refused).getStatus();
  }

  @Test
  void aPollingHandshakeFromAForeignOriginIsForbidden() throws Exception {
    start(List.of(GOOD));
    Resp resp = pollingHandshake(EVIL);
    assertThat(resp.status()).isEqualTo(403);
    assertThat(resp.body()).isEqualTo(FORBIDDEN);
  }

  @Test
  void aWebSocketUpgradeFromAForeignOriginIsRefused() throws Exception {
    start(List.of(GOOD));
    assertThat(upgradeStatus(EVIL)).isNotEqualTo(101).isEqualTo(403);
  }

  @Test
  void theAllowedOriginCanPollAndResponsesCarryItsAllowOrigin() throws Exception {
    start(List.of(GOOD));
    Resp handshake = pollingHandshake(GOOD);
    assertThat(handshake.status()).isEqualTo(200);
    assertThat(handshake.body()).startsWith("0{");
    assertThat(handshake.headers().get("Access-Control-Allow-Origin")).isEqualTo(GOOD);

    String sid = new io.vertx.core.json.JsonObject(handshake.body().substring(1)).getString("sid");
    Resp post = wire.request(HttpMethod.POST, uri("polling", "&sid=" + sid),
        Map.of("Origin", GOOD), io.vertx.core.buffer.Buffer.buffer("40"), 5000);
    assertThat(post.status()).isEqualTo(200);
    assertThat(post.headers().get("Access-Control-Allow-Origin")).isEqualTo(GOOD);
    Resp get = wire.request(HttpMethod.GET, uri("polling", "&sid=" + sid),
        Map.of("Origin", GOOD), null, 5000);
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body()).startsWith("40{\"sid\":");
    assertThat(get.headers().get("Access-Control-Allow-Origin")).isEqualTo(GOOD);
  }

  @Test
  void theAllowedOriginCanOpenAWebSocket() throws Exception {
    start(List.of(GOOD));
    assertThat(upgradeStatus(GOOD)).isEqualTo(101);
  }

  @Test
  void aForeignOriginCannotUseAnExistingSessionEither() throws Exception {
    start(List.of(GOOD));
    String sid = wire.pollingHandshake();
    Resp get = wire.request(HttpMethod.GET, uri("polling", "&sid=" + sid),
        Map.of("Origin", EVIL), null, 5000);
    assertThat(get.status()).isEqualTo(403);
    assertThat(get.body()).isEqualTo(FORBIDDEN);
    Resp post = wire.request(HttpMethod.POST, uri("polling", "&sid=" + sid),
        Map.of("Origin", EVIL), io.vertx.core.buffer.Buffer.buffer("40"), 5000);
    assertThat(post.status()).isEqualTo(403);
  }

  @Test
  void requestsWithoutAnOriginHeaderAreAllowed() throws Exception {
    start(List.of(GOOD));
    Resp resp = pollingHandshake(null);
    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.headers().get("Access-Control-Allow-Origin")).isNull();
    assertThat(upgradeStatus(null)).isEqualTo(101);
  }

  @Test
  void byDefaultASameOriginRequestIsAllowed() throws Exception {
    start(null);
    String self = "http://127.0.0.1:" + server.port;
    Resp resp = pollingHandshake(self);
    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.body()).startsWith("0{");
    assertThat(upgradeStatus(self)).isEqualTo(101);
  }

  @Test
  void byDefaultAForeignOriginIsRefused() throws Exception {
    start(null);
    Resp resp = pollingHandshake(EVIL);
    assertThat(resp.status()).isEqualTo(403);
    assertThat(resp.body()).isEqualTo(FORBIDDEN);
    assertThat(upgradeStatus(EVIL)).isEqualTo(403);
    // Same host, other port: another origin.
    assertThat(pollingHandshake("http://127.0.0.1:1").status()).isEqualTo(403);
    assertThat(pollingHandshake("null").status()).isEqualTo(403);
  }

  /**
   * Error answers (the 403 refusing the origin, or errors found before the origin check, such as
   * an unknown transport) must not carry CORS headers for an origin that is not allowed:
   * reflecting it, with credentials allowed, would let that page read them.
   */
  @Test
  void aForbiddenResponseDoesNotGrantTheRefusedOriginReadAccess() throws Exception {
    start(List.of(GOOD));
    Resp resp = pollingHandshake(EVIL);
    assertThat(resp.status()).isEqualTo(403);
    assertNoCorsGrant(resp);
    Resp unknownTransport = wire.request(HttpMethod.GET, uri("nope", ""),
        Map.of("Origin", EVIL), null, 5000);
    assertThat(unknownTransport.status()).isEqualTo(400);
    assertNoCorsGrant(unknownTransport);
  }

  private static void assertNoCorsGrant(Resp resp) {
    assertThat(resp.headers().get("Access-Control-Allow-Origin")).isNull();
    assertThat(resp.headers().get("Access-Control-Allow-Credentials")).isNull();
  }
}
