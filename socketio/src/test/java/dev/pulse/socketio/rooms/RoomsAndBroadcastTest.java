package dev.pulse.socketio.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.socketio.Socket;
import dev.pulse.socketio.adapter.SocketDetails;
import dev.pulse.socketio.testing.TestServer;
import io.socket.client.IO;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms, broadcasts and the cross-socket operations of the in-memory adapter. */
class RoomsAndBroadcastTest {

  private TestServer server;
  private final Map<String, Socket> serverSockets = new ConcurrentHashMap<>();
  private final List<io.socket.client.Socket> clients = new ArrayList<>();
  private final Map<String, List<String>> received = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    server = TestServer.start(io -> io.of("/").onConnection(socket -> {
      String name = socket.handshake().auth().getString("name");
      socket.data().put("name", name);
      serverSockets.put(name, socket);
      socket.on("join", (args, ack) -> {
        socket.join(args.getString(0));
        ack.send("joined");
      });
      socket.on("shout", (args, ack) -> socket.broadcast().emit("news", name + ":" + args.getString(0)));
    }));
  }

  @AfterEach
  void stop() {
    clients.forEach(io.socket.client.Socket::close);
    server.close();
  }

  private void connect(String name) {
    IO.Options options = IO.Options.builder()
        .setForceNew(true).setTransports(new String[] {"websocket"})
        .setAuth(Map.of("name", name)).build();
    io.socket.client.Socket client = IO.socket(URI.create(server.url()), options);
    List<String> inbox = new CopyOnWriteArrayList<>();
    received.put(name, inbox);
    client.on("news", args -> inbox.add(String.valueOf(args[0])));
    client.connect();
    clients.add(client);
    await().atMost(Duration.ofSeconds(20)).until(() -> serverSockets.containsKey(name));
  }

  private void joinAll(String room, String... names) {
    server.onLoop(() -> {
      for (String n : names) {
        serverSockets.get(n).join(room);
      }
      return null;
    });
  }

  @Test
  void roomEmitReachesOnlyItsMembers() {
    for (String n : List.of("ann", "bob", "cat")) {
      connect(n);
    }
    joinAll("blue", "ann", "bob");
    server.io.to("blue").emit("news", "for blue");
    await().atMost(Duration.ofSeconds(5)).until(() -> received.get("bob").size() == 1);
    assertThat(received.get("ann")).containsExactly("for blue");
    assertThat(received.get("cat")).isEmpty();
  }

  @Test
  void socketBroadcastExcludesTheSender() {
    for (String n : List.of("ann", "bob", "cat")) {
      connect(n);
    }
    clients.get(0).emit("shout", "hi");
    await().atMost(Duration.ofSeconds(5))
        .until(() -> received.get("bob").size() == 1 && received.get("cat").size() == 1);
    assertThat(received.get("bob")).containsExactly("ann:hi");
    assertThat(received.get("ann")).isEmpty();
  }

  @Test
  void severalRoomsDeliverOnceAndExceptRemovesMembers() {
    for (String n : List.of("ann", "bob", "cat")) {
      connect(n);
    }
    joinAll("red", "ann", "bob");
    joinAll("green", "bob", "cat");
    server.io.to("red", "green").except(serverSockets.get("cat").id()).emit("news", "x");
    await().atMost(Duration.ofSeconds(5)).until(() -> received.get("bob").size() == 1);
    assertThat(received.get("ann")).containsExactly("x");
    assertThat(received.get("bob")).containsExactly("x");
    assertThat(received.get("cat")).isEmpty();
  }

  @Test
  void socketIdIsARoomOfOne() {
    connect("ann");
    connect("bob");
    server.io.to(serverSockets.get("bob").id()).emit("news", "direct");
    await().atMost(Duration.ofSeconds(5)).until(() -> received.get("bob").size() == 1);
    assertThat(received.get("ann")).isEmpty();
  }

  @Test
  void socketsJoinFetchSocketsAndDisconnectSocketsActOnTheSelection() throws Exception {
    for (String n : List.of("ann", "bob", "cat")) {
      connect(n);
    }
    joinAll("vip", "ann");
    server.io.sockets().to("vip").socketsJoin("lounge");
    await().atMost(Duration.ofSeconds(5)).until(() ->
        server.onLoop(() -> serverSockets.get("ann").rooms().contains("lounge")));

    List<SocketDetails> inLounge = server.io.sockets().to("lounge").fetchSockets()
        .toCompletionStage().toCompletableFuture().get();
    assertThat(inLounge).extracting(d -> d.data().getString("name")).containsExactly("ann");
    assertThat(inLounge.get(0).rooms()).contains("vip", "lounge", serverSockets.get("ann").id());

    server.io.sockets().except("lounge").disconnectSockets(false);
    await().atMost(Duration.ofSeconds(5)).until(() ->
        !clients.get(1).connected() && !clients.get(2).connected());
    assertThat(clients.get(0).connected()).isTrue();
  }

  @Test
  void leavingARoomAndDisconnectingStopDelivery() {
    connect("ann");
    connect("bob");
    joinAll("blue", "ann", "bob");
    server.onLoop(() -> {
      serverSockets.get("ann").leave("blue");
      return null;
    });
    clients.get(1).disconnect();
    await().atMost(Duration.ofSeconds(5)).until(() -> !serverSockets.get("bob").connected());
    server.io.to("blue").emit("news", "nobody");
    server.io.emit("news", "everyone");
    await().atMost(Duration.ofSeconds(5)).until(() -> received.get("ann").size() == 1);
    assertThat(received.get("ann")).containsExactly("everyone");
    assertThat(server.onLoop(() -> server.io.sockets().adapter().rooms())).doesNotContain("blue");
  }
}
