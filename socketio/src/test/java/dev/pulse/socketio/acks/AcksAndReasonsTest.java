package dev.pulse.socketio.acks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.socketio.AckTimeoutException;
import dev.pulse.socketio.Socket;
import dev.pulse.socketio.testing.TestServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-side acks with timeouts, broadcast acks, disconnect reasons, middleware order. */
class AcksAndReasonsTest {

  private TestServer server;
  private final List<Socket> serverSockets = new CopyOnWriteArrayList<>();
  private final List<String> reasons = new CopyOnWriteArrayList<>();
  private final List<io.socket.client.Socket> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(io.socket.client.Socket::close);
    if (server != null) {
      server.close();
    }
  }

  private void start() {
    server = TestServer.start(io -> io.of("/").onConnection(socket -> {
      socket.onDisconnect(reasons::add);
      serverSockets.add(socket);
    }));
  }

  /** A client that answers "question" with its name, or never (answer == null). */
  private io.socket.client.Socket client(String answer, long delayMillis) {
    IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
        .setTransports(new String[] {"websocket"}).build();
    io.socket.client.Socket client = IO.socket(URI.create(server.url()), options);
    client.on("question", args -> {
      Ack ack = (Ack) args[args.length - 1];
      if (answer != null) {
        CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS)
            .execute(() -> ack.call(answer));
      }
    });
    client.connect();
    clients.add(client);
    int before = serverSockets.size();
    await().atMost(Duration.ofSeconds(5)).until(() -> serverSockets.size() > before);
    return client;
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void emitWithAckFailsWithTimeoutWhenTheClientNeverAnswers() {
    start();
    client(null, 0);
    long started = System.nanoTime();
    Future<JsonArray> reply = serverSockets.get(0).emitWithAck(200, "question");
    assertThat(catchCause(reply)).isInstanceOf(AckTimeoutException.class);
    assertThat((System.nanoTime() - started) / 1_000_000).isBetween(150L, 2000L);
  }

  @Test
  void aLateAckIsIgnoredAndTheConnectionStaysUsable() throws Exception {
    start();
    io.socket.client.Socket client = client("late", 400);
    assertThat(catchCause(serverSockets.get(0).emitWithAck(100, "question")))
        .isInstanceOf(AckTimeoutException.class);
    Thread.sleep(600); // the late ack has arrived by now
    assertThat(client.connected()).isTrue();
    client.off("question");
    client.on("question", args -> ((Ack) args[args.length - 1]).call("again"));
    assertThat(get(serverSockets.get(0).emitWithAck(2000, "question")).getString(0))
        .isEqualTo("again");
  }

  @Test
  void broadcastWithAckCollectsEveryClientsReply() throws Exception {
    start();
    client("ann", 0);
    client("bob", 0);
    client("cat", 50);
    List<JsonArray> replies = get(server.io.sockets().emitWithAck(2000, "question"));
    assertThat(replies).extracting(r -> r.getString(0)).containsExactlyInAnyOrder("ann", "bob", "cat");
  }

  @Test
  void broadcastWithAckTimesOutKeepingTheRepliesThatCame() {
    start();
    client("ann", 0);
    client("bob", 0);
    client(null, 0);
    Throwable failure = catchCause(server.io.sockets().emitWithAck(300, "question"));
    assertThat(failure).isInstanceOf(AckTimeoutException.class);
    assertThat(((AckTimeoutException) failure).responses()).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("ann", "bob");
  }

  @Test
  void broadcastWithAckHandsOverEachReplyAsItComesWithoutWaitingForTheSilentOnes() throws Exception {
    start();
    client("ann", 0);
    client(null, 0);
    CompletableFuture<String> first = new CompletableFuture<>();
    long started = System.nanoTime();
    Future<List<JsonArray>> all = server.io.sockets().emitWithAck(3_000, reply -> first.complete(reply.getString(0)),
        "question");
    assertThat(first.get(2, TimeUnit.SECONDS)).isEqualTo("ann");
    assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the first reply").isLessThan(2_000);
    assertThat(all.isComplete()).as("the whole broadcast still waits for the silent client").isFalse();
    assertThat(catchCause(all)).isInstanceOf(AckTimeoutException.class);
  }

  @Test
  void leavingTheNamespaceAndDroppingTheConnectionGiveTheReferenceReasons() {
    start();
    client(null, 0).disconnect();
    await().atMost(Duration.ofSeconds(5)).until(() -> reasons.size() == 1);
    assertThat(reasons).containsExactly("client namespace disconnect");

    client(null, 0);
    server.onLoop(() -> {
      serverSockets.get(1).disconnect();
      return null;
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> reasons.size() == 2);
    assertThat(reasons.get(1)).isEqualTo("server namespace disconnect");

    // A raw client (the JDK's WebSocket) joins, then closes without a DISCONNECT packet.
    java.net.http.WebSocket raw = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + server.port
            + "/socket.io/?EIO=4&transport=websocket"), new java.net.http.WebSocket.Listener() {})
        .orTimeout(5, TimeUnit.SECONDS).join();
    raw.sendText("40", true).join();
    await().atMost(Duration.ofSeconds(5)).until(() -> serverSockets.size() == 3);
    raw.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "").join();
    await().atMost(Duration.ofSeconds(5)).until(() -> reasons.size() == 3);
    assertThat(reasons.get(2)).isEqualTo("transport close");
  }

  @Test
  void middlewaresRunInOrderAndMayBeAsynchronous() {
    List<String> order = new CopyOnWriteArrayList<>();
    server = TestServer.start(io -> {
      io.of("/").use(socket -> {
        order.add("first");
        socket.data().put("user", "ann");
        return Future.succeededFuture();
      });
      io.of("/").use(socket -> {
        Promise<Void> later = Promise.promise();
        // e.g. a token check against a store, answered on another thread
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> {
          order.add("second saw " + socket.data().getString("user"));
          later.complete();
        });
        return later.future();
      });
      io.of("/").onConnection(socket -> {
        order.add("connected");
        serverSockets.add(socket);
      });
    });
    client(null, 0);
    assertThat(order).containsExactly("first", "second saw ann", "connected");
  }

  private static Throwable catchCause(Future<?> future) {
    try {
      get(future);
      throw new AssertionError("expected the future to fail");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

}
