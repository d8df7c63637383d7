package dev.pulse.socketio.testing;

import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real Socket.IO server on an ephemeral port for one test. {@code setup} runs before it
 * listens: register namespaces and handlers there. Close it in {@code @AfterEach}.
 */
public final class TestServer implements AutoCloseable {

  public final Vertx vertx;
  public final SocketIoServer io;
  public final int port;
  private final HttpServer http;

  private TestServer(Vertx vertx, SocketIoServer io, HttpServer http) {
    this.vertx = vertx;
    this.io = io;
    this.http = http;
    this.port = http.actualPort();
  }

  public static TestServer start(SocketIoOptions options, Consumer<SocketIoServer> setup) {
    Vertx vertx = Vertx.vertx();
    SocketIoServer io = SocketIoServer.create(vertx, options);
    setup.accept(io);
    try {
      HttpServer http = vertx
          .createHttpServer(options.engine().applyTo(new HttpServerOptions()))
          .requestHandler(req -> {
            if (!io.handle(req)) {
              req.response().setStatusCode(404).end();
            }
          })
          .listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new TestServer(vertx, io, http);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("test server did not start", e);
    }
  }

  public static TestServer start(Consumer<SocketIoServer> setup) {
    return start(new SocketIoOptions(), setup);
  }

  /** Base URL, e.g. {@code http://127.0.0.1:43121}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Runs {@code action} on the server's event loop and waits for it. */
  public <T> T onLoop(java.util.function.Supplier<T> action) {
    java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
    io.engine().runOnLoop(() -> {
      try {
        result.complete(action.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      io.close().compose(v -> http.close()).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing is best effort; the Vert.x instance below is what must go
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // nothing more to do
      }
    }
  }
}
