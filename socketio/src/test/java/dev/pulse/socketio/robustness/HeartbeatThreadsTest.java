package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.Wire.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.robustness.Wire.Ws;
import dev.pulse.socketio.testing.TestServer;
import io.vertx.core.Future;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Heartbeats run on one shared timer: connections cost no threads. */
@Timeout(30)
class HeartbeatThreadsTest {

  private static final int CONNECTIONS = 200;
  private static final int PING_INTERVAL = 200;

  private TestServer server;
  private Wire wire;

  @BeforeEach
  void start() {
    SocketIoOptions options = new SocketIoOptions();
    options.engine().pingInterval(PING_INTERVAL).pingTimeout(1000);
    server = TestServer.start(options, io -> { });
    wire = new Wire(server.port, 1);
  }

  @AfterEach
  void stop() {
    wire.close();
    server.close();
  }

  private static long timerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("socketio-timer")).count();
  }

  @Test
  void twoHundredConnectionsWithLiveHeartbeatsAddFewerThanTenThreads() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // Warm up: the server's event loop and timer, and the client's event loop, now exist.
    Ws first = wire.socketIoClient("", true);
    Thread.sleep(PING_INTERVAL + 100);
    assertThat(first.pingsAnswered.get()).isPositive();
    int before = threads.getThreadCount();
    long timersBefore = timerThreads();

    List<Future<Ws>> opening = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      opening.add(wire.connectWsAsync(uri("websocket", ""), Map.of(), true));
    }
    List<Ws> clients = new ArrayList<>();
    try {
      for (Future<Ws> f : opening) {
        Ws ws = Wire.await(f, 10_000);
        clients.add(ws);
      }
      for (Ws ws : clients) {
        ws.expectOpen(5000);
        ws.send("40");
      }
      for (Ws ws : clients) {
        assertThat(ws.nextText(5000)).startsWith("40{");
      }
      // Several ping rounds for every connection.
      Thread.sleep(3 * PING_INTERVAL + 200);
      int during = threads.getThreadCount();
      int peak = threads.getPeakThreadCount();

      System.out.printf("threads: %d before, %d with %d more connections (peak %d)%n", before,
          during, CONNECTIONS, peak);
      assertThat(clients).allSatisfy(ws -> {
        assertThat(ws.isClosed()).isFalse();
        assertThat(ws.pingsAnswered.get()).isGreaterThanOrEqualTo(2);
      });
      assertThat(server.onLoop(() -> server.io.engine().clientsCount()))
          .isEqualTo(CONNECTIONS + 1);
      assertThat(timerThreads()).as("timer threads").isLessThanOrEqualTo(timersBefore);
      // Each session's next heartbeat waits in the shared wheel, not on the event loop (the
      // count dips while a batch of expired entries is handed to the loop and re-armed).
      assertThat(server.io.engine().timer().pending())
          .as("entries in the shared timer wheel").isGreaterThan(CONNECTIONS / 2);
      assertThat(during - before)
          .as("threads before %d, with %d connections %d (peak %d)", before, CONNECTIONS,
              during, peak)
          .isLessThan(10);
    } finally {
      clients.forEach(Ws::close);
      first.close();
    }
  }
}
