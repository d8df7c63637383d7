package dev.pulse.examples.conformance;

import dev.pulse.socketio.Socket;
import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.SocketIoServer;
import dev.pulse.socketio.engineio.EngineIoOptions;
import dev.pulse.socketio.engineio.EngineIoServer;
import dev.pulse.socketio.engineio.EngineSocket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server the Engine.IO v4 and Socket.IO v5 protocol test suites expect, on one port:
 * {@code /engine.io/} echoes every message; {@code /socket.io/} emits {@code auth} on connect
 * and echoes {@code message} and {@code message-with-ack}. Every other path is 404.
 */
public final class ConformanceServer {

  private static final Logger LOG = LoggerFactory.getLogger(ConformanceServer.class);

  public static final int DEFAULT_PORT = 3000;
  public static final String DEFAULT_HOST = "127.0.0.1";
  private static final int AUTH_GAP_MILLIS = 50;

  private ConformanceServer() {}

  /** The heartbeat, payload and CORS settings the test suites assume. */
  static EngineIoOptions configure(EngineIoOptions engine) {
    return engine.pingInterval(300).pingTimeout(200).maxPayload(1_000_000)
        .allowedOrigins(List.of("*"));
  }

  public static Future<HttpServer> start(Vertx vertx, String host, int port) {
    EngineIoServer echo = EngineIoServer.create(vertx, configure(new EngineIoOptions()))
        .connectionHandler(ConformanceServer::echo);

    SocketIoOptions options = new SocketIoOptions().connectTimeout(1000);
    configure(options.engine());
    SocketIoServer io = SocketIoServer.create(vertx, options);
    io.of("/").onConnection(socket -> {
      emitAuth(vertx, socket);
      socket.on("message", (args, ack) -> socket.emit("message-back", spread(args)));
      socket.on("message-with-ack", (args, ack) -> ack.send(spread(args)));
    });
    io.of("/custom").onConnection(socket -> emitAuth(vertx, socket));

    HttpServerOptions http = options.engine().applyTo(new HttpServerOptions());
    return vertx.createHttpServer(http)
        .requestHandler(request -> {
          if (request.path().startsWith("/engine.io/")) {
            echo.handle(request);
          } else if (!io.handle(request)) {
            request.response().setStatusCode(404).end();
          }
        })
        .listen(port, host);
  }

  /**
   * Emits {@code auth} a few ms after the CONNECT reply. The suites' WebSocket client (ws 8.17+
   * with one-shot listeners) drops a frame that arrives in the same TCP read as the one before
   * it; the reference server loses that race as well. The gap keeps the two frames apart.
   */
  private static void emitAuth(Vertx vertx, Socket socket) {
    vertx.setTimer(AUTH_GAP_MILLIS, t -> socket.emit("auth", socket.handshake().auth()));
  }

  private static void echo(EngineSocket socket) {
    socket.messageHandler(data -> {
      if (data instanceof Buffer bytes) {
        socket.send(bytes);
      } else {
        socket.send((String) data);
      }
    });
  }

  private static Object[] spread(JsonArray args) {
    return args.getList().toArray();
  }

  public static void main(String[] argv) {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", String.valueOf(DEFAULT_PORT)));
    String host = System.getenv().getOrDefault("HOST", DEFAULT_HOST);
    Vertx vertx = Vertx.vertx();
    start(vertx, host, port)
        .onSuccess(server -> LOG.info("conformance server listening on http://{}:{} "
            + "(/engine.io/ echo, /socket.io/ namespaces / and /custom)",
            host, server.actualPort()))
        .onFailure(e -> {
          LOG.error("could not start the conformance server on {}:{}", host, port, e);
          vertx.close();
          System.exit(1);
        });
  }
}
