package dev.pulse.socketio;

import dev.pulse.socketio.engineio.EngineIoServer;
import dev.pulse.socketio.engineio.SessionIds;
import dev.pulse.socketio.engineio.SharedMessage;
import dev.pulse.socketio.engineio.TimerWheel;
import dev.pulse.socketio.parser.EncodedPacket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Socket.IO v4 server (Engine.IO protocol 4, Socket.IO protocol 5) on Vert.x. Hand it the
 * HTTP requests of your server with {@link #handle}; it answers those under its path.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(vertx, new SocketIoOptions());
 * io.of("/").onConnection(socket -> socket.on("ping", (args, ack) -> ack.send("pong")));
 * vertx.createHttpServer(io.options().engine().applyTo(new HttpServerOptions()))
 *     .requestHandler(req -> { if (!io.handle(req)) req.response().setStatusCode(404).end(); })
 *     .listen(3000);
 * }</pre>
 */
public final class SocketIoServer {

  private final SocketIoOptions options;
  private final EngineIoServer engine;
  private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
  /** The packet being delivered and its engine message: a broadcast delivers one packet to
   * many clients in a row, and they all share its encoded text and frame. Event loop only. */
  private EncodedPacket lastPacket;
  private SharedMessage lastMessage;

  private SocketIoServer(Vertx vertx, SocketIoOptions options) {
    this.options = options;
    this.engine = EngineIoServer.create(vertx, options.engine());
    engine.connectionHandler(conn -> new Client(this, conn));
    of("/");
  }

  public static SocketIoServer create(Vertx vertx, SocketIoOptions options) {
    return new SocketIoServer(vertx, options);
  }

  public SocketIoOptions options() {
    return options;
  }

  public EngineIoServer engine() {
    return engine;
  }

  /**
   * Handles the request if its path is under {@link SocketIoOptions#path()}; returns false
   * (without touching it) otherwise.
   */
  public boolean handle(HttpServerRequest request) {
    if (!request.path().startsWith(options.path())) {
      return false;
    }
    engine.handle(request);
    return true;
  }

  /** The namespace with this name, created on first use. Clients can join only these. */
  public Namespace of(String name) {
    String normalized = name.startsWith("/") ? name : "/" + name;
    return namespaces.computeIfAbsent(normalized, n -> new Namespace(n, this));
  }

  /** The main namespace, {@code /}. */
  public Namespace sockets() {
    return of("/");
  }

  Namespace namespace(String name) {
    return namespaces.get(name);
  }

  public BroadcastOperator to(String... rooms) {
    return sockets().to(rooms);
  }

  public BroadcastOperator except(String... rooms) {
    return sockets().except(rooms);
  }

  public void emit(String event, Object... args) {
    sockets().emit(event, args);
  }

  /** The engine message for {@code packet}, shared by consecutive deliveries of the same one. */
  SharedMessage message(EncodedPacket packet) {
    if (packet != lastPacket) {
      lastPacket = packet;
      lastMessage = new SharedMessage(packet.text());
    }
    return lastMessage;
  }

  TimerWheel timer() {
    return engine.timer();
  }

  String newSocketId() {
    return SessionIds.next();
  }

  /**
   * Disconnects every socket (reason "server shutting down"), closes the connections and the
   * adapters.
   */
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(engine.close());
    for (Namespace namespace : namespaces.values()) {
      closing.add(namespace.adapter().close());
    }
    return Future.all(closing).mapEmpty();
  }
}
