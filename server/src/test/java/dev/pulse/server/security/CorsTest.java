package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Backend;
import dev.pulse.server.testing.PulseFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which web pages may call the API and open sockets: only the configured origins, or with none
 * configured only the server's own. Nothing here touches the database, so SQLite only.
 */
class CorsTest {
  static final String APP = "https://app.example.com";
  static final String EVIL = "https://evil.example.com";
  static final String HANDSHAKE = "/socket.io/?EIO=4&transport=polling";

  PulseFixture server;
  Api api;

  void start(Map<String, String> env) throws Exception {
    server = PulseFixture.start(Backend.SQLITE, env);
    api = server.api();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void preflightAllowsOnlyConfiguredOrigin() throws Exception {
    start(Map.of("SOCKETIO_CORS_ORIGINS", APP));
    Api.Response allowed = preflight("/api/me", APP);
    assertThat(allowed.status()).isBetween(200, 204);
    assertThat(header(allowed, "Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(header(allowed, "Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
    assertThat(header(allowed, "Access-Control-Allow-Methods")).contains("GET");

    Api.Response refused = preflight("/api/me", EVIL);
    assertThat(header(refused, "Access-Control-Allow-Origin")).isNull();
    assertForbiddenOrigin(refused);

    // the actual request carries the header for the allowed origin only
    String token = api.register(Api.uniqueName("alice"));
    Api.Response me = api.raw(api.request("/api/me").GET().header("Origin", APP)
        .header("Authorization", "Bearer " + token));
    assertThat(me.status()).isEqualTo(200);
    assertThat(header(me, "Access-Control-Allow-Origin")).isEqualTo(APP);
    Api.Response evilMe = api.raw(api.request("/api/me").GET().header("Origin", EVIL)
        .header("Authorization", "Bearer " + token));
    assertThat(header(evilMe, "Access-Control-Allow-Origin")).isNull();
    assertForbiddenOrigin(evilMe);
  }

  @Test
  void socketHandshakeAllowsOnlyConfiguredOrigin() throws Exception {
    start(Map.of("SOCKETIO_CORS_ORIGINS", APP));
    Api.Response evil = api.raw(api.request(HANDSHAKE).GET().header("Origin", EVIL));
    assertThat(evil.status()).isIn(400, 403);
    assertThat(header(evil, "Access-Control-Allow-Origin")).isNull();
    assertThat(evil.text()).doesNotContain("\"sid\"");

    Api.Response app = api.raw(api.request(HANDSHAKE).GET().header("Origin", APP));
    assertThat(app.status()).isEqualTo(200);
    assertThat(app.text()).startsWith("0{\"sid\":");
    assertThat(header(app, "Access-Control-Allow-Origin")).isEqualTo(APP);

    // browsers apply no CORS to WebSockets: the server itself refuses the upgrade
    assertThat(webSocketStatus(EVIL)).isEqualTo(403);
    assertThat(webSocketStatus(APP)).isEqualTo(101);
  }

  @Test
  void crossOriginRefusedWithoutConfiguredOrigins() throws Exception {
    start(Map.of());
    Api.Response evil = api.raw(api.request(HANDSHAKE).GET().header("Origin", EVIL));
    assertThat(evil.status()).isIn(400, 403);
    assertThat(evil.text()).doesNotContain("\"sid\"");
    assertThat(webSocketStatus(EVIL)).isEqualTo(403);

    // the server's own pages, and clients that send no Origin (not browsers), still connect,
    // over HTTP/1.1 (Host header) and over cleartext HTTP/2 (no Host, only :authority)
    for (HttpClient.Version version : HttpClient.Version.values()) {
      Api.Response same = api.raw(api.request(HANDSHAKE).version(version).GET().header("Origin", server.baseUrl()));
      assertThat(same.status()).as(version.toString()).isEqualTo(200);
      assertThat(same.text()).startsWith("0{\"sid\":");
    }
    assertThat(api.raw(api.request(HANDSHAKE).GET()).status()).isEqualTo(200);

    assertThat(header(preflight("/api/me", EVIL), "Access-Control-Allow-Origin")).isNull();
  }

  /** A refused origin is the client's problem: 403 in the usual error shape, not a server error. */
  private static void assertForbiddenOrigin(Api.Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("forbidden");
    assertThat(r.json().getJsonObject("error").getString("message")).isEqualTo("This origin is not allowed");
  }

  private Api.Response preflight(String path, String origin) {
    return api.raw(api.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization"));
  }

  /** The HTTP status of a WebSocket handshake from {@code origin}: 101 when it is accepted. */
  private int webSocketStatus(String origin) throws Exception {
    CompletableFuture<WebSocket> ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Origin", origin)
        .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"),
            new WebSocket.Listener() {});
    try {
      ws.get(10, TimeUnit.SECONDS).abort();
      return 101;
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
  }

  private static String header(Api.Response r, String name) {
    return r.raw().headers().firstValue(name).orElse(null);
  }
}
