package dev.pulse.socketio.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.robustness.Wire.Ws;
import dev.pulse.socketio.testing.TestServer;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Blocking work moved off the event loop holds up only the client that asked for it. */
@Timeout(20)
class SlowHandlerTest {

  private static final long SLOW_MILLIS = 2000;

  private TestServer server;
  private Wire wire;

  @BeforeEach
  void start() {
    server = TestServer.start(io -> io.of("/").onConnection(socket -> {
      socket.on("slow", (args, ack) -> {
        Vertx vertx = Vertx.currentContext().owner();
        vertx.executeBlocking(() -> {
          Thread.sleep(SLOW_MILLIS);
          return "slow-done";
        }).onSuccess(ack::send);
      });
      socket.on("fast", (args, ack) -> ack.send("fast-done", args.getValue(0)));
    }));
    wire = new Wire(server.port);
  }

  @AfterEach
  void stop() {
    wire.close();
    server.close();
  }

  @Test
  void aSlowHandlerOnOneSocketDoesNotDelayOthers() throws Exception {
    Ws a = wire.socketIoClient("", true);
    Ws b = wire.socketIoClient("", true);
    try {
      long start = System.nanoTime();
      a.send("421[\"slow\"]");
      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long sent = System.nanoTime();
        b.send("42" + (100 + i) + "[\"fast\"," + i + "]");
        String ack = b.nextText(1000);
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertThat(ack).isEqualTo("43" + (100 + i) + "[\"fast-done\"," + i + "]");
        assertThat(latency).as("ack %d took %d ms", i, latency).isLessThan(200);
        latencies.add(latency);
        assertThat(a.inbox).as("A's ack arrived before B's ack #%d", i).isEmpty();
        Thread.sleep(100); // spread B's events over A's wait
      }
      String slowAck = a.nextText(SLOW_MILLIS + 2000);
      long slowTook = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(slowAck).isEqualTo("431[\"slow-done\"]");
      assertThat(slowTook).isGreaterThanOrEqualTo(SLOW_MILLIS - 50);
      System.out.println("fast ack latencies (ms): " + latencies + ", slow ack after " + slowTook
          + " ms");
    } finally {
      a.close();
      b.close();
    }
  }
}
