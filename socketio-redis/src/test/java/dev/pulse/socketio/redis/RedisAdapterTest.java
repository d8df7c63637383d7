package dev.pulse.socketio.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.socketio.adapter.SocketDetails;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes joined through the real Redis ({@link Nodes}); each test uses its own channel prefix. */
class RedisAdapterTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @RegisterExtension
  final Nodes nodes = new Nodes("test");
  private final List<String> serverSideEvents = new CopyOnWriteArrayList<>();

  private Node node() throws Exception {
    return nodes.start(io ->
        io.of("/").onServerSideEmit((event, args) -> serverSideEvents.add(event + ":" + args.getString(0))));
  }

  private static void connected(Node.Inbox... inboxes) {
    for (Node.Inbox inbox : inboxes) {
      await().atMost(WAIT).until(inbox::connected);
    }
  }

  /** Waits until {@code count} nodes listen to {@code room}'s channel, as Redis counts them. */
  private void awaitListeners(Node node, String room, long count) {
    await().atMost(WAIT).until(() -> node.redis.subscribers(new Channels(nodes.prefix(), "/").room(room))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS) == count);
  }

  @Test
  void roomBroadcastReachesItsSocketsOnEveryNodeAndNoOneElse() throws Exception {
    Node one = node();
    Node two = node();
    Node.Inbox ann = one.connect("ann", "a");
    Node.Inbox bob = two.connect("bob", "b");
    Node.Inbox cat = two.connect("cat", "a");
    connected(ann, bob, cat);
    awaitListeners(one, "a", 2);

    one.sio.to("a").emit("news", "for room a");
    two.sio.emit("news", "for everyone");
    await().atMost(WAIT).until(() -> ann.size() == 2 && cat.size() == 2 && bob.size() == 1);
    assertThat(ann).containsExactlyInAnyOrder("for room a", "for everyone");
    assertThat(cat).containsExactlyInAnyOrder("for room a", "for everyone");
    assertThat(bob).containsExactly("for everyone");
  }

  @Test
  void onlyNodesHoldingARoomListenToIt() throws Exception {
    Node one = node();
    Node two = node();
    Node.Inbox bob = two.connect("bob", "user:bob");
    connected(bob);
    awaitListeners(one, "user:bob", 1);

    bob.client.close();
    awaitListeners(one, "user:bob", 0);
  }

  @Test
  void socketInSeveralAddressedRoomsGetsABroadcastOnce() throws Exception {
    Node one = node();
    Node two = node();
    Node.Inbox both = two.connect("both", "a,b,c");
    Node.Inbox onlyB = two.connect("onlyB", "b");
    Node.Inbox local = one.connect("local", "a,b");
    connected(both, onlyB, local);
    awaitListeners(one, "a", 2);
    awaitListeners(one, "b", 2);

    one.sio.to("a", "b", "c").emit("news", "once");
    one.sio.to("b").emit("news", "second");
    await().atMost(WAIT).until(() -> both.size() >= 2 && onlyB.size() >= 2 && local.size() >= 2);
    Thread.sleep(200);
    assertThat(both).containsExactly("once", "second");
    assertThat(onlyB).containsExactly("once", "second");
    assertThat(local).containsExactly("once", "second");
  }

  @Test
  void exceptAppliesOnEveryNode() throws Exception {
    Node one = node();
    Node two = node();
    Node.Inbox ann = two.connect("ann", "a,muted");
    Node.Inbox bob = two.connect("bob", "a");
    connected(ann, bob);
    awaitListeners(one, "a", 1);

    one.sio.to("a").except("muted").emit("news", "not for the muted");
    await().atMost(WAIT).until(() -> bob.size() == 1);
    Thread.sleep(200);
    assertThat(ann).isEmpty();
  }

  @Test
  void broadcastAcksArriveFromEveryNode() throws Exception {
    Node one = node();
    Node two = node();
    Node.Inbox ann = one.connect("ann", "a");
    Node.Inbox bob = two.connect("bob", "a");
    Node.Inbox cat = two.connect("cat", "a");
    connected(ann, bob, cat);
    awaitListeners(one, "a", 2);

    List<JsonArray> replies = one.sio.to("a").emitWithAck(5_000, "news", "ack me")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(replies).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("ann got ack me", "bob got ack me", "cat got ack me");
  }

  @Test
  void fetchJoinDisconnectAndServerSideEmitSpanNodes() throws Exception {
    Node one = node();
    Node two = node();
    Node.Inbox ann = one.connect("ann", "a");
    Node.Inbox bob = two.connect("bob", "a");
    Node.Inbox cat = two.connect("cat", "c");
    connected(ann, bob, cat);

    List<SocketDetails> inA = one.sio.sockets().to("a").fetchSockets()
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(inA).extracting(d -> d.data().getString("name")).containsExactlyInAnyOrder("ann", "bob");
    assertThat(one.sio.sockets().adapter().serverCount().toCompletionStage().toCompletableFuture().get())
        .isEqualTo(2);

    one.sio.sockets().serverSideEmit("hello", "from one");
    await().atMost(WAIT).until(() -> serverSideEvents.size() == 1);
    assertThat(serverSideEvents).containsExactly("hello:from one");

    one.sio.to("c").socketsJoin("a");
    awaitListeners(one, "a", 2);
    await().atMost(WAIT).until(() -> {
      List<SocketDetails> sockets = one.sio.sockets().to("a").fetchSockets()
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return sockets.size() == 3;
    });

    one.sio.to("c").disconnectSockets(true);
    await().atMost(WAIT).until(() -> !cat.connected());
    assertThat(bob.connected()).isTrue();
  }
}
