package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.Wire.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.robustness.Wire.Resp;
import dev.pulse.socketio.robustness.Wire.Ws;
import dev.pulse.socketio.testing.TestServer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * pingInterval 300 / pingTimeout 200: clients that answer pings stay, clients that do not are
 * dropped about 500 ms after their handshake, whatever the transport.
 */
@Timeout(20)
class HeartbeatTest {

  private static final int PING_INTERVAL = 300;
  private static final int PING_TIMEOUT = 200;

  /** Server-side disconnects by the {@code name} query parameter: reason and nanoTime. */
  private static final Map<String, CompletableFuture<Disconnect>> DISCONNECTS =
      new ConcurrentHashMap<>();

  record Disconnect(String reason, long atNanos) { }

  private static TestServer server;
  private static Wire wire;

  @BeforeAll
  static void start() {
    SocketIoOptions options = new SocketIoOptions();
    options.engine().pingInterval(PING_INTERVAL).pingTimeout(PING_TIMEOUT);
    server = TestServer.start(options, io -> io.of("/").onConnection(socket -> {
      String name = socket.handshake().query().get("name");
      if (name == null) {
        return;
      }
      socket.onDisconnect(reason -> disconnectOf(name)
          .complete(new Disconnect(reason, System.nanoTime())));
    }));
    wire = new Wire(server.port);
    warmUp();
  }

  /** Loads the classes both sides need, so the timed tests measure the server, not the JIT. */
  private static void warmUp() {
    try {
      wire.socketIoClient("", true).close();
      String sid = wire.pollingHandshake();
      wire.post(uri("polling", "&sid=" + sid), "1");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() {
    wire.close();
    server.close();
  }

  private static CompletableFuture<Disconnect> disconnectOf(String name) {
    return DISCONNECTS.computeIfAbsent(name, n -> new CompletableFuture<>());
  }

  private static long millisSince(long startNanos, long endNanos) {
    return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
  }

  @Test
  void aWebSocketClientThatAnswersPingsStaysConnected() throws Exception {
    Ws ws = Wire.await(wire.connectWsAsync(uri("websocket", "&name=ws-alive"), Map.of(), true),
        5000);
    try {
      ws.expectOpen(2000);
      ws.send("40");
      assertThat(ws.nextText(2000)).startsWith("40{");
      Thread.sleep(1600);
      assertThat(ws.isClosed()).isFalse();
      assertThat(disconnectOf("ws-alive")).isNotDone();
      // about five pings in 1.6 s
      assertThat(ws.pingsAnswered.get()).isBetween(3, 7);
      ws.send("42[\"still-here\"]");
      Thread.sleep(50);
      assertThat(ws.isClosed()).isFalse();
    } finally {
      ws.close();
    }
  }

  @Test
  void aWebSocketClientThatStopsAnsweringPingsIsDroppedAfterPingIntervalPlusTimeout()
      throws Exception {
    Ws ws = wire.connectWs(uri("websocket", "&name=ws-silent"));
    try {
      ws.expectOpen(2000);
      long handshake = ws.openedAt;
      ws.send("40");
      assertThat(ws.awaitClosed(2000)).as("closed by the server").isTrue();
      long closedAfter = millisSince(handshake, ws.closed.get());
      java.util.List<Object> received = new java.util.ArrayList<>(ws.inbox);
      assertThat(received).as("CONNECT reply and one unanswered ping").hasSize(2);
      assertThat((String) received.get(0)).startsWith("40{");
      assertThat(received.get(1)).isEqualTo("2");
      Disconnect disconnect = disconnectOf("ws-silent").get(2, TimeUnit.SECONDS);
      assertThat(disconnect.reason()).isEqualTo("ping timeout");
      long droppedAfter = millisSince(handshake, disconnect.atNanos());
      assertThat(droppedAfter).as("server dropped it %d ms after the handshake", droppedAfter)
          .isBetween(450L, 900L);
      assertThat(closedAfter).as("client saw the close %d ms after the handshake", closedAfter)
          .isBetween(450L, 900L);
    } finally {
      ws.close();
    }
  }

  @Test
  void aPollingClientThatAnswersPingsStaysConnected() throws Exception {
    String sid = wire.pollingHandshake();
    String poll = uri("polling", "&sid=" + sid);
    assertThat(wire.post(poll, "40").body()).isEqualTo("ok");
    assertThat(wire.get(poll).body()).startsWith("40{");
    long start = System.nanoTime();
    int pings = 0;
    while (millisSince(start, System.nanoTime()) < 1600) {
      Resp get = wire.get(poll);
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.body()).isEqualTo("2");
      pings++;
      assertThat(wire.post(poll, "3").status()).isEqualTo(200);
    }
    assertThat(pings).isBetween(4, 7);
    assertThat(wire.post(poll, "42[\"still-here\"]").body()).isEqualTo("ok");
  }

  @Test
  void aPollingClientThatStopsAnsweringPingsIsDroppedAndItsSidForgotten() throws Exception {
    Resp open = wire.get(uri("polling", "&name=poll-silent"));
    long handshake = open.atNanos();
    assertThat(open.body()).startsWith("0{");
    String sid = new io.vertx.core.json.JsonObject(open.body().substring(1)).getString("sid");
    String poll = uri("polling", "&sid=" + sid);
    assertThat(wire.post(poll, "40").body()).isEqualTo("ok");
    assertThat(wire.get(poll).body()).startsWith("40{");
    Resp ping = wire.get(poll);
    assertThat(ping.body()).isEqualTo("2"); // and it is never answered

    long deadline = PING_INTERVAL + PING_TIMEOUT + 50;
    long wait = deadline - millisSince(handshake, System.nanoTime());
    if (wait > 0) {
      Thread.sleep(wait);
    }
    Resp late = wire.get(poll);
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");

    Disconnect disconnect = disconnectOf("poll-silent").get(2, TimeUnit.SECONDS);
    assertThat(disconnect.reason()).isEqualTo("ping timeout");
    long droppedAfter = millisSince(handshake, disconnect.atNanos());
    assertThat(droppedAfter).as("server dropped it %d ms after the handshake", droppedAfter)
        .isBetween(450L, 900L);
  }
}
