package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.Wire.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.testing.TestServer;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * pollQuietTimeout 400 ms before a pollGapTimeout of 1.5 s: a polling client that has not come
 * back for its next answer is reported quiet long before its session is closed, and heard again
 * when it asks in time; the layer above sees each change once, in order.
 */
@Timeout(20)
class PollQuietTest {

  private static final int QUIET = 400;
  private static final int GAP = 1_500;

  record Change(String what, long atNanos) { }

  private static final Map<String, List<Change>> CHANGES = new ConcurrentHashMap<>();

  private static TestServer server;
  private static Wire wire;

  @BeforeAll
  static void start() {
    SocketIoOptions options = new SocketIoOptions();
    options.engine().pingInterval(10_000).pingTimeout(10_000).pollGapTimeout(GAP).pollQuietTimeout(QUIET);
    server = TestServer.start(options, io -> io.of("/").onConnection(socket -> {
      List<Change> changes = changesOf(socket.handshake().query().get("name"));
      socket.on("ping-me", (args, ack) -> socket.emit("pong-me"));
      socket.onQuiet(quiet -> changes.add(new Change(quiet ? "quiet" : "heard", System.nanoTime())));
      socket.onDisconnect(reason -> changes.add(new Change("disconnect", System.nanoTime())));
    }));
    wire = new Wire(server.port);
  }

  @AfterAll
  static void stop() {
    wire.close();
    server.close();
  }

  private static List<Change> changesOf(String name) {
    return CHANGES.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
  }

  private static List<String> whats(String name) {
    return changesOf(name).stream().map(Change::what).toList();
  }

  @Test
  void aClientGoneBetweenTwoPollsIsQuietLongBeforeItIsClosed() throws Exception {
    wire.pollingClient("&name=gone");
    long lastAnswer = System.nanoTime();

    Thread.sleep(GAP + 700);
    List<Change> changes = changesOf("gone");
    assertThat(whats("gone")).containsExactly("quiet", "disconnect");
    long quietAfter = TimeUnit.NANOSECONDS.toMillis(changes.get(0).atNanos() - lastAnswer);
    assertThat(quietAfter).as("quiet %d ms after its last answer", quietAfter).isBetween(QUIET - 50L, QUIET + 500L);
  }

  @Test
  void aClientThatPollsAgainInTimeIsHeardAndStays() throws Exception {
    String sid = wire.pollingClient("&name=slow");
    String poll = uri("polling", "&sid=" + sid);

    Thread.sleep(QUIET + 300);
    assertThat(whats("slow")).containsExactly("quiet");
    var get = wire.requestAsync(HttpMethod.GET, poll, Map.of(), null);
    Thread.sleep(100);
    assertThat(whats("slow")).containsExactly("quiet", "heard");

    // it goes on polling well past the gap: no more changes, no disconnect
    assertThat(wire.post(poll, "42[\"ping-me\"]").body()).isEqualTo("ok");
    Wire.await(get, 2000);
    for (int i = 0; i < 6; i++) {
      var next = wire.requestAsync(HttpMethod.GET, poll, Map.of(), null);
      Thread.sleep(QUIET / 2);
      assertThat(wire.post(poll, "42[\"ping-me\"]").body()).isEqualTo("ok");
      Wire.await(next, 2000);
    }
    assertThat(whats("slow")).containsExactly("quiet", "heard");
  }
}
