package dev.pulse.socketio.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.parser.Packet;
import dev.pulse.socketio.testing.TestServer;
import io.socket.client.IO;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers joined by an adapter written only against the public SPI (as a Redis adapter
 * would be): broadcasts, rooms, fetchSockets and serverSideEmit reach the other node.
 */
class CrossNodeAdapterTest {

  /** Nodes of one namespace; stands in for Redis pub/sub. */
  private final Map<String, List<LoopbackAdapter>> cluster = new ConcurrentHashMap<>();
  private final List<TestServer> servers = new ArrayList<>();
  private final List<io.socket.client.Socket> clients = new ArrayList<>();
  private final List<String> serverSideEvents = new CopyOnWriteArrayList<>();

  private final class LoopbackAdapter extends InMemoryAdapter {

    LoopbackAdapter(Namespace namespace) {
      super(namespace);
      cluster.computeIfAbsent(namespace.name(), n -> new CopyOnWriteArrayList<>()).add(this);
    }

    private List<LoopbackAdapter> others() {
      return cluster.get(namespace.name()).stream().filter(a -> a != this).toList();
    }

    private void onNode(LoopbackAdapter node, Runnable action) {
      node.namespace.server().engine().runOnLoop(action);
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
      super.broadcast(packet, options);
      if (!options.local()) {
        BroadcastOptions there = new BroadcastOptions(options.rooms(), options.except(), true);
        others().forEach(node -> onNode(node, () -> node.broadcast(packet, there)));
      }
    }

    @Override
    public Future<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
      Future<List<SocketDetails>> mine = super.fetchSockets(options);
      if (options.local()) {
        return mine;
      }
      List<Future<List<SocketDetails>>> all = new ArrayList<>(List.of(mine));
      BroadcastOptions there = new BroadcastOptions(options.rooms(), options.except(), true);
      for (LoopbackAdapter node : others()) {
        Promise<List<SocketDetails>> reply = Promise.promise();
        onNode(node, () -> node.fetchSockets(there).onComplete(reply));
        all.add(reply.future());
      }
      return Future.all(all).map(done -> all.stream()
          .flatMap(f -> f.result().stream()).toList());
    }

    @Override
    public void serverSideEmit(JsonArray eventAndArgs) {
      others().forEach(node ->
          onNode(node, () -> node.namespace.onServerSideEmitReceived(eventAndArgs)));
    }

    @Override
    public Future<Integer> serverCount() {
      return Future.succeededFuture(cluster.get(namespace.name()).size());
    }
  }

  @AfterEach
  void stop() {
    clients.forEach(io.socket.client.Socket::close);
    servers.forEach(TestServer::close);
  }

  private TestServer node() {
    SocketIoOptions options = new SocketIoOptions().adapterFactory(LoopbackAdapter::new);
    TestServer server = TestServer.start(options, io -> {
      io.of("/").onConnection(socket -> {
        socket.join("room-" + socket.handshake().auth().getString("room"));
        socket.data().put("name", socket.handshake().auth().getString("name"));
      });
      io.of("/").onServerSideEmit((event, args) -> serverSideEvents.add(event + ":" + args.getString(0)));
    });
    servers.add(server);
    return server;
  }

  private List<String> connect(TestServer server, String name, String room) {
    List<String> inbox = new CopyOnWriteArrayList<>();
    IO.Options options = IO.Options.builder().setForceNew(true)
        .setTransports(new String[] {"websocket"}).setAuth(Map.of("name", name, "room", room)).build();
    io.socket.client.Socket client = IO.socket(URI.create(server.url()), options);
    client.on("news", args -> inbox.add(String.valueOf(args[0])));
    client.connect();
    clients.add(client);
    await().atMost(Duration.ofSeconds(20)).until(client::connected);
    return inbox;
  }

  @Test
  void broadcastFromOneNodeReachesClientsOfTheOther() {
    TestServer one = node();
    TestServer two = node();
    List<String> ann = connect(one, "ann", "a");
    List<String> bob = connect(two, "bob", "b");
    List<String> cat = connect(two, "cat", "a");

    one.io.emit("news", "everyone");
    one.io.to("room-a").emit("news", "room a");
    await().atMost(Duration.ofSeconds(5)).until(() -> cat.size() == 2 && ann.size() == 2);
    assertThat(cat).containsExactly("everyone", "room a");
    assertThat(ann).containsExactly("everyone", "room a");
    await().atMost(Duration.ofSeconds(5)).until(() -> bob.size() == 1);
    assertThat(bob).containsExactly("everyone");

    one.io.sockets().local().emit("news", "only node one");
    await().atMost(Duration.ofSeconds(5)).until(() -> ann.size() == 3);
    assertThat(bob).hasSize(1);
  }

  @Test
  void fetchSocketsServerSideEmitAndServerCountSpanNodes() throws Exception {
    TestServer one = node();
    TestServer two = node();
    connect(one, "ann", "a");
    connect(two, "bob", "a");
    connect(two, "cat", "c");

    List<SocketDetails> inRoomA = one.io.sockets().to("room-a").fetchSockets()
        .toCompletionStage().toCompletableFuture().get();
    assertThat(inRoomA).extracting(d -> d.data().getString("name"))
        .containsExactlyInAnyOrder("ann", "bob");

    one.io.sockets().serverSideEmit("hello", "from one");
    await().atMost(Duration.ofSeconds(5)).until(() -> serverSideEvents.size() == 1);
    assertThat(serverSideEvents).containsExactly("hello:from one");

    assertThat(one.io.sockets().adapter().serverCount()
        .toCompletionStage().toCompletableFuture().get()).isEqualTo(2);
  }
}
