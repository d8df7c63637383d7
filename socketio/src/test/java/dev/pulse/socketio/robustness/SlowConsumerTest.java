package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.Wire.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.Socket;
import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.robustness.Wire.Ws;
import dev.pulse.socketio.testing.TestServer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that stops reading is cut off once the bytes waiting for it pass writeBufferLimit,
 * instead of piling up in server memory; a client that reads keeps receiving.
 */
@Timeout(30)
class SlowConsumerTest {

  private static final int WRITE_BUFFER_LIMIT = 64 * 1024;
  private static final int MESSAGE_CHARS = 16 * 1024;
  private static final long TOTAL_BYTES = 20L << 20;

  private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<String>> reasons = new ConcurrentHashMap<>();
  private TestServer server;
  private Wire wire;
  private LogCapture log;

  @BeforeEach
  void start() {
    SocketIoOptions options = new SocketIoOptions();
    options.engine().writeBufferLimit(WRITE_BUFFER_LIMIT);
    server = TestServer.start(options, io -> io.of("/").onConnection(socket -> {
      String name = socket.handshake().query().get("name");
      sockets.put(name, socket);
      socket.onDisconnect(reason -> reasonOf(name).complete(reason));
    }));
    wire = new Wire(server.port);
    log = LogCapture.install(server.vertx);
  }

  @AfterEach
  void stop() {
    log.close();
    wire.close();
    server.close();
  }

  private CompletableFuture<String> reasonOf(String name) {
    return reasons.computeIfAbsent(name, n -> new CompletableFuture<>());
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAsASlowConsumerWhileOthersKeepReceiving()
      throws Exception {
    // The normal client counts every "data" event it reads.
    Ws normal = wire.socketIoClient("&name=normal", true);
    AtomicInteger normalReceived = new AtomicInteger();
    normal.socket.textMessageHandler(text -> {
      if (text.startsWith("42[\"data\"")) {
        normalReceived.incrementAndGet();
      } else if (text.equals("2")) {
        normal.socket.writeTextMessage("3");
      }
    });

    // The slow client upgrades, joins "/", then never reads another byte.
    try (RawSocket slow = RawSocket.connect(server.port, 4096)) {
      assertThat(slow.upgrade(uri("websocket", "&name=slow"), "")).isEqualTo(101);
      slow.text("40");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!sockets.containsKey("slow") && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(sockets).containsKeys("normal", "slow");

      String payload = "x".repeat(MESSAGE_CHARS);
      long messages = TOTAL_BYTES / MESSAGE_CHARS;
      AtomicLong emitted = new AtomicLong();
      CompletableFuture<Void> emittedAll = new CompletableFuture<>();
      // Paced emission on the server loop: a few messages per millisecond to each client.
      server.onLoop(() -> server.vertx.setPeriodic(1, id -> {
        for (int i = 0; i < 2 && emitted.get() < messages; i++) {
          sockets.get("slow").emit("data", payload);
          sockets.get("normal").emit("data", payload);
          emitted.incrementAndGet();
        }
        if (emitted.get() >= messages) {
          server.vertx.cancelTimer(id);
          emittedAll.complete(null);
        }
      }));

      long t0 = System.nanoTime();
      String slowReason = reasonOf("slow").get(20, TimeUnit.SECONDS);
      long droppedMillis = (System.nanoTime() - t0) / 1_000_000;
      long emittedWhenDropped = emitted.get();
      assertThat(slowReason).isEqualTo("slow consumer");

      emittedAll.get(20, TimeUnit.SECONDS);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (normalReceived.get() < messages && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(normalReceived.get()).as("events the normal client read").isEqualTo(messages);
      assertThat(reasonOf("normal")).isNotDone();
      assertThat(normal.isClosed()).isFalse();
      assertThat(server.onLoop(() -> sockets.get("slow").connected())).isFalse();
      assertThat(server.onLoop(() -> sockets.get("normal").connected())).isTrue();
      System.out.printf("slow consumer dropped after %d ms, %d of %d messages (%d KiB each)%n",
          droppedMillis, emittedWhenDropped, messages, MESSAGE_CHARS / 1024);
      assertThat(emittedWhenDropped).as("dropped before everything was sent").isLessThan(messages);
      assertThat(log.problems()).as("errors logged").isEmpty();
    } finally {
      normal.close();
    }
  }
}
