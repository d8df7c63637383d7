package dev.pulse.socketio;

import dev.pulse.socketio.adapter.Adapter;
import dev.pulse.socketio.adapter.SocketDetails;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named channel multiplexed over client connections ({@code /} by default). Clients may only
 * join namespaces the server created with {@link SocketIoServer#of}.
 */
public final class Namespace {

  private static final Logger LOG = LoggerFactory.getLogger(Namespace.class);

  private final String name;
  private final SocketIoServer server;
  private final Adapter adapter;
  private final Map<String, Socket> sockets = new HashMap<>();
  private final List<Middleware> middlewares = new ArrayList<>();
  private Handler<Socket> connectionHandler = s -> {};
  private Handler<Socket> abandonedHandler = s -> {};
  private BiConsumer<String, JsonArray> serverSideListener = (event, args) -> {};
  private long nextAckId;

  Namespace(String name, SocketIoServer server) {
    this.name = name;
    this.server = server;
    this.adapter = server.options().adapterFactory().create(this);
  }

  public String name() {
    return name;
  }

  public SocketIoServer server() {
    return server;
  }

  public Adapter adapter() {
    return adapter;
  }

  /** Local sockets by id (read-only view; use on the event loop). */
  public Map<String, Socket> sockets() {
    return Collections.unmodifiableMap(sockets);
  }

  /** A local socket, or null. */
  public Socket socket(String id) {
    return sockets.get(id);
  }

  /** Adds a middleware; they run in order for each connecting client. */
  public Namespace use(Middleware middleware) {
    middlewares.add(middleware);
    return this;
  }

  /** Called for each socket that connected (after every middleware passed). */
  public Namespace onConnection(Handler<Socket> handler) {
    this.connectionHandler = handler;
    return this;
  }

  /**
   * Called for each socket every middleware accepted but whose connection closed before it could
   * connect: what a middleware took for it (a slot, a reservation) can be given back here.
   */
  public Namespace onAbandoned(Handler<Socket> handler) {
    this.abandonedHandler = handler;
    return this;
  }

  /** Receives {@link #serverSideEmit} events from other nodes. */
  public Namespace onServerSideEmit(BiConsumer<String, JsonArray> listener) {
    this.serverSideListener = listener;
    return this;
  }

  // ---- broadcasting ----

  public BroadcastOperator to(String... rooms) {
    return all().to(rooms);
  }

  public BroadcastOperator except(String... rooms) {
    return all().except(rooms);
  }

  /** Only the sockets of this node. */
  public BroadcastOperator local() {
    return all().local();
  }

  /** Sends an event to every socket of the namespace. */
  public void emit(String event, Object... args) {
    all().emit(event, args);
  }

  /** Emits to every socket and collects their acks; see {@link BroadcastOperator#emitWithAck}. */
  public Future<List<JsonArray>> emitWithAck(long timeoutMillis, String event, Object... args) {
    return all().emitWithAck(timeoutMillis, event, args);
  }

  /** As above, handing each ack to {@code onReply} as it arrives; see {@link BroadcastOperator#emitWithAck}. */
  public Future<List<JsonArray>> emitWithAck(long timeoutMillis, Consumer<JsonArray> onReply, String event,
      Object... args) {
    return all().emitWithAck(timeoutMillis, onReply, event, args);
  }

  public Future<List<SocketDetails>> fetchSockets() {
    return all().fetchSockets();
  }

  public void socketsJoin(String... rooms) {
    all().socketsJoin(rooms);
  }

  public void socketsLeave(String... rooms) {
    all().socketsLeave(rooms);
  }

  public void disconnectSockets(boolean close) {
    all().disconnectSockets(close);
  }

  /** Sends an event to this namespace on the other nodes of a cluster (not to clients). */
  public void serverSideEmit(String event, Object... args) {
    adapter.serverSideEmit(Socket.eventPayload(event, args));
  }

  /** Adapter SPI: an event sent by {@link #serverSideEmit} on another node. */
  public void onServerSideEmitReceived(JsonArray eventAndArgs) {
    try {
      serverSideListener.accept(eventAndArgs.getString(0),
          new JsonArray(new ArrayList<>(eventAndArgs.getList().subList(1, eventAndArgs.size()))));
    } catch (RuntimeException e) {
      LOG.error("server-side listener of namespace {} failed", name, e);
    }
  }

  private BroadcastOperator all() {
    return new BroadcastOperator(this, Set.of(), Set.of(), false);
  }

  /** Adapter SPI: allocates an ack id; ids are unique within the namespace. */
  public long nextAckId() {
    return nextAckId++;
  }

  long issuedAckIds() {
    return nextAckId;
  }

  // ---- connecting ----

  /** Runs the middlewares for a connecting client, then connects or refuses it. */
  void add(Client client, JsonObject auth) {
    Socket socket = new Socket(
        server.newSocketId(), this, client, client.handshake(auth));
    // a middleware may complete on another thread (a store answering): connect on the loop
    runMiddlewares(socket, 0).onComplete(ar -> server.engine().runOnLoop(() -> {
      if (!client.isOpen()) {
        if (ar.succeeded()) {
          abandonedHandler.handle(socket);
        }
        return;
      }
      if (ar.failed()) {
        client.refuse(name, ar.cause());
        return;
      }
      sockets.put(socket.id(), socket);
      client.attach(socket);
      socket.onConnect();
      try {
        connectionHandler.handle(socket);
      } catch (RuntimeException e) {
        LOG.error("connection handler of namespace {} failed", name, e);
      }
    }));
  }

  private Future<Void> runMiddlewares(Socket socket, int index) {
    if (index == middlewares.size()) {
      return Future.succeededFuture();
    }
    Future<Void> step;
    try {
      step = middlewares.get(index).handle(socket);
    } catch (RuntimeException e) {
      step = Future.failedFuture(e);
    }
    // the next middleware runs on the loop too, whichever thread completed this one
    return step.compose(v -> {
      Promise<Void> next = Promise.promise();
      server.engine().runOnLoop(() -> runMiddlewares(socket, index + 1).onComplete(next));
      return next.future();
    });
  }

  void remove(Socket socket) {
    sockets.remove(socket.id(), socket);
  }
}
