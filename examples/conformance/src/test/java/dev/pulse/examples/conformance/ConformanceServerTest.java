package dev.pulse.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example behaves as the protocol test suites expect (a subset of their checks). */
class ConformanceServerTest {

  private static Vertx vertx;
  private static int port;
  private static WebSocketClient wsClient;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    port = await(ConformanceServer.start(vertx, "127.0.0.1", 0)).actualPort();
    wsClient = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A raw WebSocket that records frames (String or Buffer) and its closing. */
  private static final class Peer {
    final WebSocket ws;
    final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    volatile boolean closed;

    Peer(String uri, boolean answerPings) throws Exception {
      // Handlers are set in the connect callback, on the event loop, so no frame is missed.
      ws = await(wsClient.connect(port, "127.0.0.1", uri).map(socket -> {
        socket.textMessageHandler(text -> {
          if (answerPings && text.equals("2")) {
            socket.writeTextMessage("3");
          } else {
            frames.add(text);
          }
        });
        socket.binaryMessageHandler(frames::add);
        socket.closeHandler(v -> closed = true);
        return socket;
      }));
    }

    Object next() throws InterruptedException {
      Object frame = frames.poll(3, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 3 s").isNotNull();
      return frame;
    }

    /** Next frame that is not a ping. */
    String nextText() throws InterruptedException {
      Object frame;
      do {
        frame = next();
      } while ("2".equals(frame));
      return (String) frame;
    }

    void send(String text) {
      ws.writeTextMessage(text);
    }
  }

  @Test
  void engineIoWebSocketHandshakeHasExactlyTheExpectedFields() throws Exception {
    Peer peer = new Peer("/engine.io/?EIO=4&transport=websocket", true);
    String open = peer.nextText();
    assertThat(open).startsWith("0");
    JsonObject handshake = new JsonObject(open.substring(1));
    assertThat(handshake.fieldNames())
        .containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
    assertThat(handshake.getJsonArray("upgrades")).isEmpty();
    assertThat(handshake.getValue("pingInterval")).isEqualTo(300);
    assertThat(handshake.getValue("pingTimeout")).isEqualTo(200);
    assertThat(handshake.getValue("maxPayload")).isEqualTo(1_000_000);
    peer.ws.close();
  }

  @Test
  void engineIoEchoesTextAndBinary() throws Exception {
    Peer peer = new Peer("/engine.io/?EIO=4&transport=websocket", true);
    peer.nextText();
    peer.send("4hello");
    assertThat(peer.nextText()).isEqualTo("4hello");
    peer.ws.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3, 4}));
    assertThat(peer.next()).isEqualTo(Buffer.buffer(new byte[] {1, 2, 3, 4}));
    peer.ws.close();
  }

  @Test
  void engineIoPollingHandshakeAdvertisesTheUpgrade() throws Exception {
    HttpResponse<String> response = get("/engine.io/?EIO=4&transport=polling");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body().substring(1)).getJsonArray("upgrades").getList())
        .containsExactly("websocket");
  }

  @Test
  void socketIoConnectRepliesWithOnlyTheSidThenEmitsAuth() throws Exception {
    Peer peer = new Peer("/socket.io/?EIO=4&transport=websocket", true);
    peer.nextText();
    peer.send("40");
    String connect = peer.nextText();
    assertThat(connect).startsWith("40{");
    assertThat(new JsonObject(connect.substring(2)).fieldNames()).containsExactly("sid");
    assertThat(peer.nextText()).isEqualTo("42[\"auth\",{}]");
    peer.ws.close();
  }

  @Test
  void customNamespaceEchoesItsAuthPayload() throws Exception {
    Peer peer = new Peer("/socket.io/?EIO=4&transport=websocket", true);
    peer.nextText();
    peer.send("40/custom,{\"token\":\"abc\"}");
    assertThat(peer.nextText()).startsWith("40/custom,{\"sid\":");
    assertThat(peer.nextText()).isEqualTo("42/custom,[\"auth\",{\"token\":\"abc\"}]");
    peer.ws.close();
  }

  @Test
  void messagesAndAcksComeBackByteForByte() throws Exception {
    Peer peer = new Peer("/socket.io/?EIO=4&transport=websocket", true);
    peer.nextText();
    peer.send("40");
    peer.nextText();
    peer.nextText();
    peer.send("42[\"message\",1,\"2\",{\"3\":[true]}]");
    assertThat(peer.nextText()).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
    peer.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
    assertThat(peer.nextText()).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
    peer.send("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},"
        + "{\"_placeholder\":true,\"num\":1}]");
    peer.ws.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
    peer.ws.writeBinaryMessage(Buffer.buffer(new byte[] {4, 5, 6}));
    assertThat(peer.nextText()).isEqualTo(
        "462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    assertThat(peer.next()).isEqualTo(Buffer.buffer(new byte[] {1, 2, 3}));
    assertThat(peer.next()).isEqualTo(Buffer.buffer(new byte[] {4, 5, 6}));
    peer.ws.close();
  }

  @Test
  void unknownNamespaceIsRefused() throws Exception {
    Peer peer = new Peer("/socket.io/?EIO=4&transport=websocket", true);
    peer.nextText();
    peer.send("40/random");
    assertThat(peer.nextText()).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
    peer.ws.close();
  }

  @Test
  void connectionThatJoinsNoNamespaceIsClosedAfterOneSecond() throws Exception {
    Peer peer = new Peer("/socket.io/?EIO=4&transport=websocket", true);
    long opened = System.nanoTime();
    peer.nextText();
    org.awaitility.Awaitility.await().atMost(3, TimeUnit.SECONDS).until(() -> peer.closed);
    long millis = (System.nanoTime() - opened) / 1_000_000;
    // It answered every ping, so only the 1 s connect timeout can have closed it.
    assertThat(millis).isBetween(900L, 2000L);
  }

  @Test
  void otherPathsAre404() throws Exception {
    assertThat(get("/elsewhere").statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
