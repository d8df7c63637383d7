package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.Wire.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.SocketIoOptions;
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
 * pollGapTimeout 1 s with a heartbeat far away (10 s + 10 s): a polling session nobody polls any
 * more is closed after the gap, one whose upgrade was abandoned after its probe at once, not at
 * the next missed pong; one that keeps polling, or pauses for an upgrade that completes, stays.
 */
@Timeout(20)
class PollGapTest {

  private static final int GAP = 1_000;

  private static final Map<String, CompletableFuture<Disconnect>> DISCONNECTS = new ConcurrentHashMap<>();

  record Disconnect(String reason, long atNanos) { }

  private static TestServer server;
  private static Wire wire;

  @BeforeAll
  static void start() {
    SocketIoOptions options = new SocketIoOptions();
    options.engine().pingInterval(10_000).pingTimeout(10_000).pollGapTimeout(GAP);
    server = TestServer.start(options, io -> io.of("/").onConnection(socket -> {
      String name = socket.handshake().query().get("name");
      socket.on("ping-me", (args, ack) -> socket.emit("pong-me"));
      if (name != null) {
        socket.onDisconnect(reason -> disconnectOf(name).complete(new Disconnect(reason, System.nanoTime())));
      }
    }));
    wire = new Wire(server.port);
  }

  @AfterAll
  static void stop() {
    wire.close();
    server.close();
  }

  private static CompletableFuture<Disconnect> disconnectOf(String name) {
    return DISCONNECTS.computeIfAbsent(name, n -> new CompletableFuture<>());
  }

  @Test
  void aPollingClientThatStopsPollingIsClosedAfterTheGapNotAtThePingTimeout() throws Exception {
    String sid = wire.pollingClient("&name=gone-between-polls");
    long lastAnswer = System.nanoTime(); // the CONNECT reply was the last GET it made

    Disconnect disconnect = disconnectOf("gone-between-polls").get(5, TimeUnit.SECONDS);
    long after = TimeUnit.NANOSECONDS.toMillis(disconnect.atNanos() - lastAnswer);
    assertThat(disconnect.reason()).isEqualTo("transport close");
    assertThat(after).as("closed %d ms after its last poll was answered", after).isBetween(GAP - 50L, GAP + 1_000L);
    assertThat(wire.get(uri("polling", "&sid=" + sid)).status()).as("its sid is forgotten").isEqualTo(400);
  }

  @Test
  void aClientThatLeavesAfterItsWebSocketWasProbedIsClosedAtOnce() throws Exception {
    String sid = wire.pollingClient("&name=left-mid-upgrade");
    String poll = uri("polling", "&sid=" + sid);
    // the client's poll is waiting when the probe succeeds, and is released so it can pause
    var pendingPoll = wire.requestAsync(io.vertx.core.http.HttpMethod.GET, poll, Map.of(), null);
    Ws probe = wire.connectWs(uri("websocket", "&sid=" + sid));
    probe.send("2probe");
    assertThat(probe.nextText(2000)).isEqualTo("3probe");
    assertThat(Wire.await(pendingPoll, 2000).body()).isEqualTo("6");
    // the page goes away before sending the upgrade packet
    probe.close();
    long left = System.nanoTime();

    Disconnect disconnect = disconnectOf("left-mid-upgrade").get(5, TimeUnit.SECONDS);
    long after = TimeUnit.NANOSECONDS.toMillis(disconnect.atNanos() - left);
    assertThat(disconnect.reason()).isEqualTo("transport close");
    assertThat(after).as("closed %d ms after its probe WebSocket closed", after).isLessThan(GAP);
  }

  @Test
  void aClientThatPausesPollingForAnUpgradeThatCompletesStays() throws Exception {
    String sid = wire.pollingClient("&name=upgraded");
    String poll = uri("polling", "&sid=" + sid);
    var pendingPoll = wire.requestAsync(io.vertx.core.http.HttpMethod.GET, poll, Map.of(), null);
    Ws ws = wire.connectWs(uri("websocket", "&sid=" + sid));
    try {
      ws.send("2probe");
      assertThat(ws.nextText(2000)).isEqualTo("3probe");
      assertThat(Wire.await(pendingPoll, 2000).body()).isEqualTo("6");
      // slower than the gap between the released poll and the upgrade packet: the upgrade decides
      Thread.sleep(GAP + 300);
      ws.send("5");
      ws.send("42[\"after-upgrade\"]");
      Thread.sleep(GAP * 2L);
      assertThat(ws.isClosed()).isFalse();
      assertThat(disconnectOf("upgraded")).isNotDone();
    } finally {
      ws.close();
    }
  }

  @Test
  void aPollingClientThatKeepsPollingStays() throws Exception {
    String sid = wire.pollingClient("&name=polling-on");
    String poll = uri("polling", "&sid=" + sid);
    long start = System.nanoTime();
    while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < GAP * 3L) {
      // each GET is held (nothing to send) until this POST gives it something
      var get = wire.requestAsync(io.vertx.core.http.HttpMethod.GET, poll, Map.of(), null);
      Thread.sleep(GAP / 2);
      assertThat(wire.post(poll, "42[\"ping-me\"]").body()).isEqualTo("ok");
      assertThat(Wire.await(get, 2000).body()).isEqualTo("42[\"pong-me\"]");
      Thread.sleep(GAP / 4);
    }
    assertThat(disconnectOf("polling-on")).isNotDone();
    assertThat(wire.post(poll, "42[\"still-here\"]").body()).isEqualTo("ok");
  }
}
