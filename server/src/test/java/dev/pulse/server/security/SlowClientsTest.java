package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.EmbeddedServerTest;
import dev.pulse.server.testing.RawHttp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Connections that hold the server's descriptors without doing anything are dropped: silent or
 * byte-dribbling HTTP connections at the header-read timeout, Engine.IO sessions that never join
 * a namespace at the connect timeout; and sessions not yet accepted are capped per address and in
 * total. Working clients are untouched.
 */
class SlowClientsTest extends EmbeddedServerTest {
  static final int SILENT = 100;
  static final int DRIBBLING = 50;

  @Override
  protected Map<String, String> env() {
    return Map.of("HTTP_HEADER_TIMEOUT_MS", "1000", "CONNECT_TIMEOUT_MS", "1000");
  }

  @Test
  void silentAndDribblingConnectionsAreClosedWhileHealthAnswers() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int i = 0; i < SILENT + DRIBBLING; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        s.setSoTimeout(100);
        sockets.add(s);
      }
      // a request line, then a header one byte every 200 ms: never complete
      List<Socket> dribbling = sockets.subList(SILENT, sockets.size());
      for (Socket s : dribbling) {
        s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      dribbler.scheduleAtFixedRate(() -> dribbling.forEach(s -> {
        try {
          OutputStream out = s.getOutputStream();
          out.write('a');
          out.flush();
        } catch (IOException closed) {
          // closed by the server: what the test waits for
        }
      }), 200, 200, TimeUnit.MILLISECONDS);

      long slowestHealth = 0;
      long deadline = System.currentTimeMillis() + 15_000;
      while (sockets.stream().anyMatch(s -> !closedByServer(s)) && System.currentTimeMillis() < deadline) {
        long t0 = System.nanoTime();
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        slowestHealth = Math.max(slowestHealth, (System.nanoTime() - t0) / 1_000_000);
      }
      assertThat(sockets).as("connections closed by the server").allMatch(SlowClientsTest::closedByServer);
      assertThat(slowestHealth).as("slowest /health meanwhile, ms").isLessThan(1_000);
    } finally {
      dribbler.shutdownNow();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void workingClientsOutliveTheHeaderTimeout() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    try (Client ws = Client.connect(server.baseUrl(), aliceToken);
        Client polling = accepted(Client.open(server.baseUrl(), bobToken, "polling"))) {
      Client.pause(Duration.ofMillis(3_500));
      JsonObject ack = ws.call("send_message", new JsonObject().put("to", bob).put("message", "still here"));
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
      polling.await("new_message", p -> "still here".equals(p.getString("message")));
      assertThat(ws.received("disconnect")).isEmpty();
      assertThat(polling.received("disconnect")).isEmpty();
    }
  }

  @Test
  void sessionsThatNeverJoinANamespaceAreClosed() throws Exception {
    String sid = handshake("127.0.0.1").sid();
    long opened = System.currentTimeMillis();
    // a long-poll sees the session end (a close packet, or the session is already gone)
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      RawHttp.Response poll = RawHttp.send("127.0.0.1", server.port(), "GET",
          "/socket.io/?EIO=4&transport=polling&sid=" + sid, Map.of(), null);
      return poll.status() == 400 || poll.body().contains("1");
    });
    assertThat(System.currentTimeMillis() - opened).isLessThan(5_000);
  }

  @Test
  void sessionsNotYetAcceptedAreCappedPerAddressAndInTotal() throws Exception {
    restartWith(Map.of("PENDING_SESSIONS_PER_ADDRESS", "3", "PENDING_SESSIONS_TOTAL", "5"));
    List<Handshake> pending = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pending.add(handshake("127.0.0.1"));
    }
    RawHttp.Response overAddress = RawHttp.send("127.0.0.1", server.port(), "GET",
        "/socket.io/?EIO=4&transport=polling", Map.of(), null);
    assertThat(overAddress.status()).isEqualTo(429);
    assertThat(new JsonObject(overAddress.body()).getInteger("code")).isEqualTo(4);
    pending.add(handshake("127.0.0.2"));
    pending.add(handshake("127.0.0.2"));
    RawHttp.Response overTotal = RawHttp.send("127.0.0.3", server.port(), "GET",
        "/socket.io/?EIO=4&transport=polling", Map.of(), null);
    assertThat(overTotal.status()).isEqualTo(429);

    // a session that joins the namespace (a valid token) no longer counts: another may start
    String token = api.register(Api.uniqueName("carol"));
    RawHttp.Response connect = RawHttp.send("127.0.0.1", server.port(), "POST",
        "/socket.io/?EIO=4&transport=polling&sid=" + pending.get(0).sid(), Map.of(),
        "40" + new JsonObject().put("token", token).encode());
    assertThat(connect.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> RawHttp.send("127.0.0.1", server.port(), "GET",
        "/socket.io/?EIO=4&transport=polling&sid=" + pending.get(0).sid(), Map.of(), null).body().contains("40{"));
    assertThat(handshake("127.0.0.1").sid()).isNotBlank();
  }

  private record Handshake(String sid) {}

  private Handshake handshake(String from) throws IOException {
    RawHttp.Response open = RawHttp.send(from, server.port(), "GET", "/socket.io/?EIO=4&transport=polling", Map.of(),
        null);
    assertThat(open.status()).as(open.body()).isEqualTo(200);
    return new Handshake(new JsonObject(open.body().substring(open.body().indexOf('{'))).getString("sid"));
  }

  private static Client accepted(Client client) {
    assertThat(client.outcome()).isEqualTo("connected");
    return client;
  }

  /** True once the server closed {@code s} (a read sees the end of the stream or a reset). */
  private static boolean closedByServer(Socket s) {
    try {
      InputStream in = s.getInputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
