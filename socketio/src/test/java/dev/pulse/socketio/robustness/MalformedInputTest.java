package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.Wire.RS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.robustness.MalformedInputRunner.Outcome;
import dev.pulse.socketio.robustness.MalformedInputs.Case;
import dev.pulse.socketio.robustness.MalformedInputs.Expect;
import dev.pulse.socketio.robustness.MalformedInputs.Transport;
import dev.pulse.socketio.robustness.Wire.Ws;
import dev.pulse.socketio.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of malformed inputs, each on its own fresh connection (WebSocket frames, polling
 * bodies, hand-made WebSocket frames and HTTP requests), generated deterministically from a seed
 * by mutating valid packets plus a hand-written list of nasty cases. Each must end in a closed
 * connection, a protocol error, or be ignored harmlessly (the connection still answers); clearly
 * invalid ones must close the connection. Meanwhile a healthy client, connected before the storm,
 * must keep getting its echo within 1 s and new clients must still connect. The inputs come from
 * {@link MalformedInputs} and {@link RawWireInputs}; {@link MalformedInputRunner} sends each one
 * and judges the outcome.
 */
@Timeout(120)
class MalformedInputTest {

  private static final long SEED = 0x5EED_2024L;
  private static final int CONCURRENCY = 50;
  private static final int PING_INTERVAL = 1000;
  private static final int PING_TIMEOUT = 1000;
  private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";

  private TestServer server;
  private Wire wire;
  private LogCapture log;
  private MalformedInputRunner runner;

  @BeforeEach
  void start() {
    SocketIoOptions options = new SocketIoOptions();
    options.engine().pingInterval(PING_INTERVAL).pingTimeout(PING_TIMEOUT);
    server = TestServer.start(options, io -> {
      io.of("/").onConnection(socket -> socket.on("echo",
          (args, ack) -> ack.send(args.getList().toArray())));
      io.of("/custom").onConnection(socket -> socket.on("echo",
          (args, ack) -> ack.send(args.getList().toArray())));
    });
    wire = new Wire(server.port, 2);
    log = LogCapture.install(server.vertx);
    runner = new MalformedInputRunner(wire, server.port);
  }

  @AfterEach
  void stop() {
    log.close();
    wire.close();
    server.close();
  }

  // =============================================================================================
  // The storm
  // =============================================================================================

  @Test
  void thousandsOfMalformedInputsOnFreshConnectionsNeverHurtTheServerOrOtherClients()
      throws Exception {
    List<Case> cases = MalformedInputs.generate(SEED);
    assertThat(cases.size()).isGreaterThanOrEqualTo(3000);

    Ws healthy = wire.socketIoClient("&name=healthy", true);
    Health health = new Health(healthy);
    Thread healthThread = new Thread(health, "health-check");
    healthThread.start();

    Map<String, Map<Outcome, AtomicInteger>> counts = new ConcurrentHashMap<>();
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Case c : cases) {
        running.add(pool.submit(() -> {
          Outcome outcome;
          try {
            outcome = runner.run(c);
          } catch (Exception e) {
            outcome = Outcome.SETUP_FAILED;
            violations.add("SETUP_FAILED (" + e + ") " + c.describe());
          }
          counts.computeIfAbsent(c.kind() + "/" + c.transport() + "/" + c.expect(),
              k -> new ConcurrentHashMap<>())
              .computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
          if (!acceptable(c.expect(), outcome) && outcome != Outcome.SETUP_FAILED) {
            violations.add(outcome + " " + c.describe());
          }
        }));
      }
      for (Future<?> f : running) {
        f.get(90, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      health.stop.set(true);
      healthThread.join(5000);
    }
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String report = report(counts, cases.size(), tookMillis, health)
        + (violations.isEmpty() ? "" : "VIOLATIONS:\n  " + String.join("\n  ", violations));
    System.out.println(report);

    // Every input got an acceptable outcome; the clearly invalid ones closed their connection.
    assertThat(violations).as(report).isEmpty();
    // The healthy client was answered within 1 s every time, and new clients could connect.
    assertThat(health.failures).as(report).isEmpty();
    assertThat(health.checks.get()).as("health checks during the storm").isGreaterThan(3);
    assertThat(health.connects.get()).as("fresh connections during the storm").isGreaterThan(0);
    // ... and still are, now that it is over.
    healthy.send("42424242[\"echo\",\"after\"]");
    assertThat(healthy.nextText(1000)).isEqualTo("43424242[\"after\"]");
    assertThat(healthy.isClosed()).isFalse();
    Ws late = wire.socketIoClient("", false);
    late.send("421[\"echo\",\"late\"]");
    assertThat(late.nextText(1000)).isEqualTo("431[\"late\"]");
    late.close();
    // Nothing leaked: every storm session is gone (polling ones that were not told to close
    // expire through their heartbeat), only the healthy client remains.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int open;
    do {
      Thread.sleep(100);
      open = server.onLoop(() -> server.io.engine().clientsCount());
    } while (open > 1 && System.nanoTime() < until);
    assertThat(open).as("sessions left after the storm").isEqualTo(1);
    assertThat(server.onLoop(() -> server.io.sockets().sockets().size())).isEqualTo(1);
    // No handler blew up behind the protocol.
    assertThat(log.problems()).as("errors logged by the server").isEmpty();
    healthy.close();
  }

  private static boolean acceptable(Expect expect, Outcome outcome) {
    return switch (expect) {
      case CLOSE -> outcome == Outcome.CLOSED;
      case CONNECT_ERROR -> outcome == Outcome.ERROR_REPLY;
      case ANY -> outcome == Outcome.CLOSED || outcome == Outcome.ERROR_REPLY
          || outcome == Outcome.ANSWERED;
      case HTTP_REFUSED -> outcome == Outcome.CLOSED || outcome == Outcome.ERROR_REPLY;
    };
  }

  // =============================================================================================
  // Health of the rest of the server during the storm
  // =============================================================================================

  private final class Health implements Runnable {
    final Ws healthy;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger checks = new AtomicInteger();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicLong maxEchoMillis = new AtomicLong();
    final AtomicLong maxConnectMillis = new AtomicLong();
    final Queue<String> failures = new ConcurrentLinkedQueue<>();

    Health(Ws healthy) {
      this.healthy = healthy;
    }

    @Override
    public void run() {
      int seq = 0;
      while (!stop.get()) {
        seq++;
        try {
          long sent = System.nanoTime();
          healthy.send("42" + seq + "[\"echo\",\"hc" + seq + "\"]");
          String ack = healthy.nextText(1000);
          long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
          maxEchoMillis.accumulateAndGet(took, Math::max);
          if (!("43" + seq + "[\"hc" + seq + "\"]").equals(ack)) {
            failures.add("health echo #" + seq + " got " + ack + " after " + took + " ms");
          }
          checks.incrementAndGet();
          if (seq % 4 == 0) {
            long t = System.nanoTime();
            Ws fresh = wire.socketIoClient("", false);
            long connectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
            maxConnectMillis.accumulateAndGet(connectMillis, Math::max);
            fresh.close();
            connects.incrementAndGet();
            if (connectMillis > 2000) {
              failures.add("a new client took " + connectMillis + " ms to connect");
            }
          }
          Thread.sleep(200);
        } catch (Exception e) {
          failures.add("health check #" + seq + " failed: " + e);
        }
      }
    }
  }

  private static String report(Map<String, Map<Outcome, AtomicInteger>> counts, int total,
      long tookMillis, Health health) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%d malformed inputs in %d ms; health checks %d (max echo %d ms), "
            + "new connections %d (max %d ms)%n", total, tookMillis, health.checks.get(),
        health.maxEchoMillis.get(), health.connects.get(), health.maxConnectMillis.get()));
    Map<Outcome, Integer> totals = new EnumMap<>(Outcome.class);
    new TreeMap<>(counts).forEach((kind, byOutcome) -> {
      sb.append(String.format("  %-44s", kind));
      byOutcome.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
        sb.append(' ').append(e.getKey()).append('=').append(e.getValue().get());
        totals.merge(e.getKey(), e.getValue().get(), Integer::sum);
      });
      sb.append('\n');
    });
    sb.append("  TOTAL ").append(totals).append('\n');
    return sb.toString();
  }

  // =============================================================================================
  // Inputs that once broke the server, one at a time (the storm has them too)
  // =============================================================================================

  /**
   * The Engine.IO MESSAGE packet "4" carries no data. It used to reach the Socket.IO decoder as
   * null and blow up there, unhandled: the WebSocket stayed open, the polling POST unanswered.
   * It is an empty packet, and closes the connection like one.
   */
  @Test
  void anEngineMessageWithNoDataClosesTheConnection() throws Exception {
    for (Case c : List.of(
        new Case("empty-message", Transport.WS, Expect.CLOSE, List.of("4")),
        new Case("empty-message", Transport.POLLING, Expect.CLOSE, List.of("4")),
        new Case("empty-message", Transport.POLLING, Expect.CLOSE,
            List.of("42[\"echo\"]" + RS + "4")))) {
      assertThat(runner.run(c)).as(c.describe()).isEqualTo(Outcome.CLOSED);
    }
    assertThat(log.problems()).as("errors logged by the server").isEmpty();
  }

  /**
   * Payloads are read with BigDecimal; an exponent beyond int makes Jackson throw a
   * NumberFormatException, not a parse error, and it used to escape unhandled (connection left
   * open, polling POST unanswered). It is invalid input: a protocol error closes the connection.
   */
  @Test
  void aNumberBeyondBigDecimalRangeClosesTheConnection() throws Exception {
    for (Transport t : List.of(Transport.WS, Transport.POLLING)) {
      for (String packet : List.of("4242[\"echo\",1e9999999999]", "42[\"echo\",1e-9999999999]",
          "42[\"echo\",{\"n\":-2.5E+2147483648}]")) {
        Case c = new Case("exponent-overflow", t, Expect.CLOSE, List.of(packet));
        assertThat(runner.run(c)).as(c.describe()).isEqualTo(Outcome.CLOSED);
      }
    }
    assertThat(log.problems()).as("errors logged by the server").isEmpty();
  }

  /**
   * Decoding a query with a malformed %-escape throws; that used to escape the request handler,
   * leaving the request unanswered. It is a bad request (Engine.IO error 3), polling or upgrade.
   */
  @Test
  void aQueryWithABrokenPercentEscapeIsRefusedNotLeftHanging() throws Exception {
    String p = Wire.PATH;
    String[] requests = {
        "GET " + p + "?EIO=4&transport=polling&x=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET " + p + "?EIO=4&transport=polling&x=%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET " + p + "?EIO=4&transport=polling&sid=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET " + p + "?EIO=4&transport=websocket&x=%zz HTTP/1.1\r\nHost: x\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    };
    for (String request : requests) {
      try (RawSocket raw = RawSocket.connect(server.port, 0)) {
        raw.writeRaw(request.getBytes(StandardCharsets.ISO_8859_1));
        String head = raw.readHead();
        assertThat(RawSocket.statusOf(head)).as(MalformedInputs.show(request) + "\n" + head)
            .isEqualTo(400);
        assertThat(raw.readBody(head)).as(MalformedInputs.show(request)).isEqualTo(BAD_REQUEST);
      }
    }
    assertThat(log.problems()).as("errors logged by the server").isEmpty();
  }
}
