package dev.pulse.socketio.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket path below Vert.x: shared broadcast frames, one flush per connection and turn,
 * the pipeline left after the upgrade, the compact handshake, and TLS.
 */
class WebSocketPathTest {

  private static final String PATH = "/engine.io/?EIO=4&transport=websocket";

  private final Vertx serverVertx = Vertx.vertx();
  private final Vertx clientVertx = Vertx.vertx();
  private EngineIoServer engine;
  private final List<EngineSocket> sessions = new ArrayList<>(); // server loop only
  private int port;

  @AfterEach
  void stop() throws Exception {
    if (engine != null) {
      engine.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    serverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aBroadcastFrameIsBuiltOnceAndReleasedWhenEveryRecipientHasIt() throws Exception {
    start(new HttpServerOptions());
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      clients.add(connect(new WebSocketClientOptions(), PATH));
    }
    await().until(() -> onLoop(sessions::size) == 20);
    // A short message is copied into each connection's buffer, a long one written as duplicates.
    for (String text : List.of("hello", "x".repeat(3 * WebSocketConnection.COPY_FRAMES_UP_TO))) {
      ByteBuf frame = onLoop(() -> {
        SharedMessage message = new SharedMessage(text);
        sessions.forEach(session -> session.send(message));
        return message.builtFrame().retain(); // held by the test too, to watch it
      });
      for (Client client : clients) {
        await().until(() -> client.received.contains("4" + text));
      }
      await().until(() -> frame.refCnt() == 1);
      assertThat(frame.release()).isTrue();
    }
  }

  @Test
  void framesWrittenInOneTurnLeaveInOneFlush() throws Exception {
    start(new HttpServerOptions());
    Client client = connect(new WebSocketClientOptions(), PATH);
    await().until(() -> onLoop(sessions::size) == 1);
    AtomicInteger flushes = new AtomicInteger();
    onLoop(() -> {
      Channel channel = ((WebSocketConnection) sessions.get(0).transport()).channel();
      channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
        @Override
        public void flush(ChannelHandlerContext ctx) {
          flushes.incrementAndGet();
          ctx.flush();
        }
      });
      for (int i = 0; i < 100; i++) {
        sessions.get(0).send("m" + i);
        sessions.get(0).send(new SharedMessage("s" + i));
      }
      return null;
    });
    await().until(() -> client.received.size() >= 1 + 200);
    List<String> messages = new ArrayList<>(client.received).subList(1, 201);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add("4m" + i);
      expected.add("4s" + i);
    }
    assertThat(messages).isEqualTo(expected);
    assertThat(flushes.get()).isEqualTo(1);
  }

  @Test
  void aBurstBeyondTheTurnBufferWaitsAsReferencesAndArrivesInOrder() throws Exception {
    start(new HttpServerOptions());
    Client client = connect(new WebSocketClientOptions(), PATH);
    await().until(() -> onLoop(sessions::size) == 1);
    int count = 3 * WebSocketConnection.TURN_BUFFER_LIMIT_BYTES / 100;
    int waiting = onLoop(() -> {
      EngineSocket session = sessions.get(0);
      for (int i = 0; i < count; i++) {
        session.send(new SharedMessage(String.format("%099d", i)));
      }
      return session.bufferedBytes();
    });
    assertThat(waiting).isGreaterThan(WebSocketConnection.TURN_BUFFER_LIMIT_BYTES);
    await().until(() -> client.received.size() == 1 + count);
    List<String> messages = new ArrayList<>(client.received).subList(1, 1 + count);
    for (int i = 0; i < count; i++) {
      assertThat(messages.get(i)).isEqualTo("4" + String.format("%099d", i));
    }
    assertThat(onLoop(() -> sessions.get(0).bufferedBytes())).isZero();
  }

  @Test
  void afterTheUpgradeOnlyTheWebSocketCodecAndTheSessionHandlerRemain() throws Exception {
    start(new HttpServerOptions());
    connect(new WebSocketClientOptions(), PATH);
    await().until(() -> onLoop(sessions::size) == 1);
    List<String> handlers = onLoop(() -> {
      Channel channel = ((WebSocketConnection) sessions.get(0).transport()).channel();
      List<String> types = new ArrayList<>();
      channel.pipeline().forEach(entry -> types.add(entry.getValue().getClass().getName()));
      return types;
    });
    assertThat(handlers).noneMatch(type -> type.startsWith("io.vertx."));
    assertThat(handlers).contains(
        "io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder",
        WebSocketConnection.class.getName());
  }

  @Test
  void theSessionKeepsTheHandshakeHeadersAndQuery() throws Exception {
    start(new HttpServerOptions());
    WebSocketConnectOptions connect = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI(PATH + "&token=t%201&tag=a&tag=b")
        .addHeader("X-Client", "test client");
    clientVertx.createWebSocketClient().connect(connect)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    await().until(() -> onLoop(sessions::size) == 1);
    HandshakeRequest request = onLoop(() -> sessions.get(0).request());
    assertThat(request.headers().get("x-client")).isEqualTo("test client");
    assertThat(request.headers().get("Sec-WebSocket-Version")).isEqualTo("13");
    assertThat(request.query().get("token")).isEqualTo("t 1");
    assertThat(request.query().getAll("tag")).containsExactly("a", "b");
    assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
    assertThat(request.secure()).isFalse();
  }

  @Test
  void aServerThatNeedsNoHeadersAfterTheHandshakeKeepsNone() throws Exception {
    start(new HttpServerOptions(), new EngineIoOptions().keepHandshakeHeaders(false));
    WebSocketConnectOptions connect = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI(PATH + "&token=t%201&tag=a")
        .addHeader("Cookie", "session=" + "x".repeat(1000));
    clientVertx.createWebSocketClient().connect(connect)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    await().until(() -> onLoop(sessions::size) == 1);
    HandshakeRequest request = onLoop(() -> sessions.get(0).request());
    assertThat(request.headers().isEmpty()).isTrue();
    assertThat(request.query().get("token")).isEqualTo("t 1");
    assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void aSecureWebSocketCarriesMessagesBothWays() throws Exception {
    start(new HttpServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
        .setKeyPath("tls/test-key.pem").setCertPath("tls/test-cert.pem")));
    Client client = connect(new WebSocketClientOptions().setSsl(true).setTrustAll(true)
        .setVerifyHost(false), PATH);
    await().until(() -> client.received.size() == 1);
    assertThat(client.received.peek()).startsWith("0{\"sid\":");
    client.ws.writeTextMessage("4hi over tls");
    await().until(() -> client.received.contains("4echo:hi over tls"));
    assertThat(onLoop(() -> sessions.get(0).request().secure())).isTrue();
  }

  // ---- harness ----

  private void start(HttpServerOptions http) throws Exception {
    start(http, new EngineIoOptions());
  }

  private void start(HttpServerOptions http, EngineIoOptions options) throws Exception {
    engine = EngineIoServer.create(serverVertx, options);
    engine.connectionHandler(session -> {
      sessions.add(session);
      session.messageHandler(message -> session.send("echo:" + message));
      session.closeHandler((reason, description) -> sessions.remove(session));
    });
    HttpServer server = serverVertx.createHttpServer(engine.options().applyTo(http))
        .requestHandler(engine::handle)
        .listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  private record Client(WebSocket ws, Queue<String> received) {}

  private Client connect(WebSocketClientOptions options, String uri) throws Exception {
    WebSocketClient client = clientVertx.createWebSocketClient(options);
    Queue<String> received = new ConcurrentLinkedQueue<>();
    // The handler is set in the connect callback, on the client's loop, so no frame is missed.
    WebSocket ws = client.connect(port, "127.0.0.1", uri)
        .map(socket -> socket.textMessageHandler(received::add))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return new Client(ws, received);
  }

  private <T> T onLoop(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    engine.runOnLoop(() -> {
      try {
        result.complete(action.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(10, TimeUnit.SECONDS);
  }

  static {
    org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(10));
  }
}
