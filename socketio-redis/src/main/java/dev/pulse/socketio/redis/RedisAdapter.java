package dev.pulse.socketio.redis;

import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.adapter.AdapterFactory;
import dev.pulse.socketio.adapter.BroadcastOptions;
import dev.pulse.socketio.adapter.InMemoryAdapter;
import dev.pulse.socketio.adapter.SocketDetails;
import dev.pulse.socketio.engineio.SessionIds;
import dev.pulse.socketio.parser.Packet;
import dev.pulse.socketio.parser.PacketParseException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms and broadcasts across nodes through Redis pub/sub. Each node delivers to its own sockets
 * (the in-memory adapter underneath) and publishes what must reach the others:
 *
 * <ul>
 *   <li>A broadcast to rooms goes to one channel per room, heard only by nodes with a socket in
 *       that room (a node subscribes when a room gets its first local socket, unsubscribes when
 *       the last leaves), so a message to one user reaches only the nodes holding that user's
 *       sockets. A broadcast to several rooms is published once per room with the room's place
 *       in the list; a node that hears it for room {@code i} skips sockets that are also in a
 *       room before {@code i} which it holds (that room's copy reaches them), so nobody gets it
 *       twice.
 *   <li>A broadcast to everyone, or naming socket ids, and the requests (fetchSockets, joins,
 *       leaves, disconnects, serverSideEmit) go over the namespace channel, heard by every node.
 *   <li>Answers (ack counts and replies, fetched sockets) go to the asking node's own channel.
 *       Redis tells the publisher how many nodes heard a message, so the publisher knows how
 *       many answers to wait for; a node that hears its own message answers itself at once.
 * </ul>
 *
 * <p>All methods run on the server's event loop; messages from Redis are moved there.
 */
public class RedisAdapter extends InMemoryAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RedisAdapter.class);

  private final RedisPubSub redis;
  private final RedisAdapterOptions options;
  private final Channels channels;
  private final String nodeId = SessionIds.next();
  private final Map<Long, Request> requests = new HashMap<>();
  /** Where acks of remote sockets go, by request id, while their broadcast may still be answered. */
  private final Map<Long, AckRoute> acks = new HashMap<>();
  /** Longest a broadcast's remote acks are waited for (an emitWithAck timeout beyond it loses them). */
  static final long ACK_ROUTE_MILLIS = 120_000;
  private long nextRequestId;

  /** Answers one request is waiting for. */
  private final class Request {
    final long id;
    final List<JsonObject> replies = new ArrayList<>();
    final Consumer<Request> onDone;
    long expected = -1; // nodes that heard the request; -1 until PUBLISH has said
    long answered;

    Request(long id, Consumer<Request> onDone) {
      this.id = id;
      this.onDone = onDone;
    }

    void answer(JsonObject reply) {
      replies.add(reply);
      answered++;
      finishIfComplete();
    }

    void heardBy(long nodes) {
      expected = nodes;
      finishIfComplete();
    }

    void finishIfComplete() {
      if (expected >= 0 && answered >= expected) {
        finish();
      }
    }

    void finish() {
      if (requests.remove(id) != null) {
        onDone.accept(this);
      }
    }
  }

  public RedisAdapter(Namespace namespace, RedisPubSub redis, RedisAdapterOptions options) {
    super(namespace);
    this.redis = redis;
    this.options = options;
    this.channels = new Channels(options.channelPrefix(), namespace.name());
    redis.subscribe(channels.namespace(), this::onMessage);
    redis.subscribe(channels.node(nodeId), this::onMessage);
  }

  /** A factory for the server options: every namespace gets a Redis adapter on {@code redis}. */
  public static AdapterFactory factory(RedisPubSub redis, RedisAdapterOptions options) {
    return namespace -> new RedisAdapter(namespace, redis, options);
  }

  /** This node's id in the cluster (random per start). */
  public String nodeId() {
    return nodeId;
  }

  // ---- rooms: listen to a room's channel while a local socket is in it ----

  @Override
  protected void roomCreated(String room) {
    redis.subscribe(channels.room(room), this::onMessage);
  }

  @Override
  protected void roomDeleted(String room) {
    redis.unsubscribe(channels.room(room));
  }

  // ---- outgoing ----

  @Override
  public void broadcast(Packet packet, BroadcastOptions opts) {
    super.broadcast(packet, opts);
    if (!opts.local()) {
      publishBroadcast(packet, opts, null);
    }
  }

  @Override
  public void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount,
      Consumer<JsonArray> ack) {
    int[] local = {0};
    super.broadcastWithAck(packet, opts, n -> local[0] += n, ack);
    if (opts.local()) {
      clientCount.accept(local[0]);
      return;
    }
    AckRoute route = new AckRoute(ack);
    Request request = newRequest(done -> {
      int remote = 0;
      for (JsonObject reply : done.replies) {
        remote += reply.getInteger("count", 0);
      }
      route.expect(done.id, remote);
      clientCount.accept(local[0] + remote);
    });
    acks.put(request.id, route);
    publishBroadcast(packet, opts, request);
  }

  /**
   * Where the acks of one broadcast's remote sockets go. It stays until every counted socket has
   * answered, or {@link #ACK_ROUTE_MILLIS} at most (a client may never answer).
   */
  private final class AckRoute {
    final Consumer<JsonArray> ack;
    int received;
    int expected = -1;

    AckRoute(Consumer<JsonArray> ack) {
      this.ack = ack;
    }

    void accept(long requestId, JsonArray reply) {
      received++;
      ack.accept(reply);
      if (expected >= 0 && received >= expected) {
        acks.remove(requestId);
      }
    }

    void expect(long requestId, int remoteSockets) {
      expected = remoteSockets;
      if (received >= expected) {
        acks.remove(requestId);
      } else if (namespace.server().engine().timer() != null) {
        namespace.server().engine().timer().schedule(ACK_ROUTE_MILLIS, () -> onLoop(() -> acks.remove(requestId)));
      }
    }
  }

  private void publishBroadcast(Packet packet, BroadcastOptions opts, Request request) {
    JsonObject message = ClusterMessage.withPacket(
        ClusterMessage.withSelection(ClusterMessage.of(ClusterMessage.BROADCAST, nodeId), opts), packet);
    if (request != null) {
      message.put("request", request.id);
    }
    List<String> rooms = new ArrayList<>(opts.rooms());
    boolean perRoom = !rooms.isEmpty() && rooms.stream().noneMatch(Channels::looksLikeSocketId);
    if (!perRoom) {
      publish(channels.namespace(), message, request);
      return;
    }
    message.put("rooms", new JsonArray(new ArrayList<>(rooms))); // the order every copy shares
    List<Future<Long>> heard = new ArrayList<>(rooms.size());
    for (int i = 0; i < rooms.size(); i++) {
      heard.add(redis.publish(channels.room(rooms.get(i)), message.copy().put("index", i).toBuffer()));
    }
    if (request != null) {
      Future.join(heard).onComplete(ar -> onLoop(() -> {
        long total = 0;
        for (Future<Long> f : heard) {
          total += f.succeeded() ? f.result() : 0;
        }
        request.heardBy(total);
      }));
    }
  }

  @Override
  public Future<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
    Future<List<SocketDetails>> mine = super.fetchSockets(opts);
    if (opts.local()) {
      return mine;
    }
    Promise<List<SocketDetails>> all = Promise.promise();
    Request request = newRequest(done -> {
      List<SocketDetails> sockets = new ArrayList<>(mine.result());
      for (JsonObject reply : done.replies) {
        for (JsonObject s : ClusterMessage.objects(reply.getJsonArray("sockets", new JsonArray()))) {
          sockets.add(new SocketDetails(s.getString("id"), s.getString("namespace"),
              ClusterMessage.strings(s.getJsonArray("rooms")), s.getJsonObject("data"), s.getJsonObject("auth"),
              s.getString("address")));
        }
      }
      all.complete(sockets);
    });
    publish(channels.namespace(), ClusterMessage.withSelection(
        ClusterMessage.of(ClusterMessage.FETCH_SOCKETS, nodeId), opts).put("request", request.id), request);
    return all.future();
  }

  @Override
  public void addSockets(BroadcastOptions opts, Set<String> rooms) {
    super.addSockets(opts, rooms);
    if (!opts.local()) {
      publishToSelection(ClusterMessage.withSelection(ClusterMessage.of(ClusterMessage.SOCKETS_JOIN, nodeId),
          opts).put("joined", new JsonArray(new ArrayList<>(rooms))), opts);
    }
  }

  @Override
  public void delSockets(BroadcastOptions opts, Set<String> rooms) {
    super.delSockets(opts, rooms);
    if (!opts.local()) {
      publishToSelection(ClusterMessage.withSelection(ClusterMessage.of(ClusterMessage.SOCKETS_LEAVE, nodeId),
          opts).put("left", new JsonArray(new ArrayList<>(rooms))), opts);
    }
  }

  @Override
  public void disconnectSockets(BroadcastOptions opts, boolean close) {
    super.disconnectSockets(opts, close);
    if (!opts.local()) {
      publishToSelection(ClusterMessage.withSelection(
          ClusterMessage.of(ClusterMessage.DISCONNECT_SOCKETS, nodeId), opts).put("close", close), opts);
    }
  }

  /**
   * Sends a request about the selected sockets where they can be: over the channels of the
   * selected rooms (only nodes holding them hear it; applying it twice does no harm), or over the
   * namespace channel when it names everyone or socket ids.
   */
  private void publishToSelection(JsonObject message, BroadcastOptions opts) {
    if (opts.rooms().isEmpty() || opts.rooms().stream().anyMatch(Channels::looksLikeSocketId)) {
      publish(channels.namespace(), message, null);
      return;
    }
    for (String room : opts.rooms()) {
      publish(channels.room(room), message, null);
    }
  }

  @Override
  public void serverSideEmit(JsonArray eventAndArgs) {
    publish(channels.namespace(), ClusterMessage.withPacket(ClusterMessage.of(ClusterMessage.SERVER_SIDE_EMIT, nodeId),
        Packet.event(namespace.name(), eventAndArgs, Packet.NO_ID)), null);
  }

  @Override
  public Future<Integer> serverCount() {
    return redis.subscribers(channels.namespace()).map(Long::intValue);
  }

  @Override
  public Future<Void> close() {
    requests.values().forEach(r -> namespace.server().engine().runOnLoop(r::finish));
    redis.unsubscribe(channels.namespace());
    redis.unsubscribe(channels.node(nodeId));
    rooms().forEach(room -> redis.unsubscribe(channels.room(room)));
    return Future.succeededFuture();
  }

  private Request newRequest(Consumer<Request> onDone) {
    Request request = new Request(++nextRequestId, onDone);
    requests.put(request.id, request);
    if (namespace.server().engine().timer() != null) {
      namespace.server().engine().timer().schedule(options.requestTimeoutMillis(), () -> onLoop(request::finish));
    }
    return request;
  }

  private void publish(String channel, JsonObject message, Request request) {
    redis.publish(channel, message.toBuffer()).onComplete(ar -> onLoop(() -> {
      if (ar.failed()) {
        LOG.warn("could not publish a {} to the cluster: {}", message.getString("type"), ar.cause().getMessage());
      }
      if (request != null) {
        request.heardBy(ar.succeeded() ? ar.result() : 0);
      }
    }));
  }

  private void reply(String toNode, JsonObject message) {
    redis.publish(channels.node(toNode), message.toBuffer())
        .onFailure(e -> LOG.warn("could not answer node {}: {}", toNode, e.getMessage()));
  }

  // ---- incoming ----

  private void onMessage(Buffer raw) {
    JsonObject message;
    try {
      message = raw.toJsonObject();
    } catch (RuntimeException e) {
      LOG.warn("ignored a cluster message that is not JSON: {}", e.getMessage());
      return;
    }
    onLoop(() -> {
      try {
        handle(message);
      } catch (PacketParseException | RuntimeException e) {
        LOG.warn("ignored a malformed {} cluster message: {}", message.getString("type"), e.getMessage());
      }
    });
  }

  private void handle(JsonObject message) throws PacketParseException {
    String type = message.getString("type", "");
    String from = message.getString("node", "");
    boolean mine = nodeId.equals(from);
    Long requestId = message.getLong("request");
    switch (type) {
      case ClusterMessage.BROADCAST -> {
        if (mine) {
          answerOwn(requestId);
          return;
        }
        Packet packet = ClusterMessage.packet(message);
        BroadcastOptions here = selectionHere(message);
        if (requestId == null) {
          super.broadcast(packet, here);
          return;
        }
        int[] count = {0};
        super.broadcastWithAck(packet, here, n -> count[0] += n, ack -> reply(from,
            ClusterMessage.of(ClusterMessage.BROADCAST_ACK, nodeId).put("request", requestId)
                .put("packet", ClusterMessage.withPacket(new JsonObject(), Packet.ack(namespace.name(), ack, 0)))));
        reply(from, ClusterMessage.of(ClusterMessage.BROADCAST_COUNT, nodeId).put("request", requestId)
            .put("count", count[0]));
      }
      case ClusterMessage.BROADCAST_COUNT -> answer(requestId, message);
      case ClusterMessage.BROADCAST_ACK -> {
        AckRoute route = acks.get(requestId);
        if (route != null) {
          route.accept(requestId, ClusterMessage.packet(message.getJsonObject("packet")).array());
        }
      }
      case ClusterMessage.FETCH_SOCKETS -> {
        if (mine) {
          answerOwn(requestId);
          return;
        }
        JsonArray sockets = new JsonArray();
        super.fetchSockets(ClusterMessage.localSelection(message)).result().forEach(d -> sockets.add(new JsonObject()
            .put("id", d.id()).put("namespace", d.namespace()).put("rooms", new JsonArray(new ArrayList<>(d.rooms())))
            .put("data", d.data()).put("auth", d.auth()).put("address", d.remoteAddress())));
        reply(from, ClusterMessage.of(ClusterMessage.FETCH_SOCKETS_REPLY, nodeId).put("request", requestId)
            .put("sockets", sockets));
      }
      case ClusterMessage.FETCH_SOCKETS_REPLY -> answer(requestId, message);
      case ClusterMessage.SOCKETS_JOIN -> {
        if (!mine) {
          super.addSockets(ClusterMessage.localSelection(message), ClusterMessage.strings(message.getJsonArray("joined")));
        }
      }
      case ClusterMessage.SOCKETS_LEAVE -> {
        if (!mine) {
          super.delSockets(ClusterMessage.localSelection(message), ClusterMessage.strings(message.getJsonArray("left")));
        }
      }
      case ClusterMessage.DISCONNECT_SOCKETS -> {
        if (!mine) {
          super.disconnectSockets(ClusterMessage.localSelection(message), message.getBoolean("close", false));
        }
      }
      case ClusterMessage.SERVER_SIDE_EMIT -> {
        if (!mine) {
          namespace.onServerSideEmitReceived(ClusterMessage.packet(message).array());
        }
      }
      default -> LOG.debug("ignored a cluster message of type {}", type);
    }
  }

  /**
   * The local selection for a broadcast heard on a room channel: the sockets of that room, minus
   * those in an earlier room of the list that this node holds (they get that room's copy).
   */
  private BroadcastOptions selectionHere(JsonObject message) {
    BroadcastOptions selection = ClusterMessage.localSelection(message);
    Integer index = message.getInteger("index");
    if (index == null) {
      return selection;
    }
    JsonArray rooms = message.getJsonArray("rooms");
    Set<String> except = new HashSet<>(selection.except());
    for (int j = 0; j < index; j++) {
      String earlier = rooms.getString(j);
      if (hasLocal(earlier)) {
        except.add(earlier);
      }
    }
    return new BroadcastOptions(Set.of(rooms.getString(index)), except, true);
  }

  private void answer(Long requestId, JsonObject reply) {
    Request request = requestId == null ? null : requests.get(requestId);
    if (request != null) {
      request.answer(reply);
    }
  }

  /** This node heard its own request: it has already done its part, so it answers nothing. */
  private void answerOwn(Long requestId) {
    answer(requestId, new JsonObject());
  }

  private void onLoop(Runnable action) {
    namespace.server().engine().runOnLoop(action);
  }
}
