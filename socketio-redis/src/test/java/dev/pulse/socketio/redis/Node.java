package dev.pulse.socketio.redis;

import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.SocketIoServer;
import io.socket.client.IO;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One node of a test cluster: its own Vert.x, a Socket.IO server on an ephemeral port with the
 * Redis adapter, and the clients connected to it. A connecting client names its rooms in its auth
 * ({@code rooms: "a,b"}) and records every {@code news} event it gets.
 */
final class Node implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final RedisPubSub redis;
  final SocketIoServer sio;
  final NodeDirectory directory;
  final int port;
  private final HttpServer http;
  private final List<io.socket.client.Socket> clients = new ArrayList<>();

  Node(String redisUrl, String channelPrefix, Consumer<SocketIoServer> setup) throws Exception {
    redis = RedisPubSub.create(vertx, vertx.getOrCreateContext(), redisUrl);
    directory = new NodeDirectory(vertx, redis.commands(), channelPrefix);
    SocketIoOptions options = new SocketIoOptions()
        .adapterFactory(RedisAdapter.factory(redis, new RedisAdapterOptions().channelPrefix(channelPrefix)));
    options.engine().sessionIds(directory.sessionIds());
    sio = SocketIoServer.create(vertx, options);
    SessionForwarder forwarder = new SessionForwarder(vertx, options.path(), directory);
    sio.of("/").onConnection(socket -> {
      String rooms = socket.handshake().auth().getString("rooms", "");
      for (String room : rooms.split(",")) {
        if (!room.isEmpty()) {
          socket.join(room);
        }
      }
      socket.data().put("name", socket.handshake().auth().getString("name"));
    });
    setup.accept(sio);
    http = vertx.createHttpServer(sio.options().engine().applyTo(new HttpServerOptions()))
        .requestHandler(req -> {
          if (!forwarder.forward(req) && !sio.handle(req)) {
            req.response().setStatusCode(404).end();
          }
        })
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = http.actualPort();
    directory.start("127.0.0.1:" + port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A connected client; its {@code news} events land in the returned list. */
  Inbox connect(String name, String rooms) {
    Inbox inbox = new Inbox();
    IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
        .setTransports(new String[] {"websocket"}).setAuth(Map.of("name", name, "rooms", rooms)).build();
    io.socket.client.Socket client = IO.socket(URI.create(url()), options);
    client.on("news", args -> {
      inbox.add(String.valueOf(args[0]));
      if (args.length > 1 && args[args.length - 1] instanceof io.socket.client.Ack ack) {
        ack.call(name + " got " + args[0]);
      }
    });
    inbox.client = client;
    client.connect();
    clients.add(client);
    return inbox;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** What one client received. */
  static final class Inbox extends CopyOnWriteArrayList<String> {
    io.socket.client.Socket client;

    boolean connected() {
      return client.connected();
    }
  }

  @Override
  public void close() throws Exception {
    clients.forEach(io.socket.client.Socket::close);
    sio.close().compose(v -> http.close()).compose(v -> directory.stop()).compose(v -> redis.close())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
