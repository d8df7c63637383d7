package dev.pulse.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens many clients' sockets with a bounded number of handshakes in flight ({@link Bounded}),
 * as fast as the server accepts them. Runs on the event loop.
 */
final class Connector {
  private final Vertx vertx;
  private final WebSocketClient client;
  private final String host;
  private final int port;
  private final int concurrency;
  private final List<String> failures = new ArrayList<>();

  Connector(Vertx vertx, String host, int port, int concurrency, int sockets) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.concurrency = concurrency;
    // kept for the whole run: Vert.x closes a client once it is garbage collected
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(sockets + concurrency)
        .setConnectTimeout(30_000)
        .setTcpNoDelay(true)
        .setTryUsePerMessageCompression(false)
        .setTryUsePerFrameCompression(false));
  }

  /** Completes when every client connected or failed; failures are in {@link #failures()}. */
  Future<Void> connectAll(List<BenchClient> clients) {
    return Bounded.run(clients.size(), concurrency, i -> clients.get(i).connect(vertx, client, host, port)
        .recover(err -> {
          failures.add(err.getMessage());
          return Future.succeededFuture();
        }));
  }

  List<String> failures() {
    return failures;
  }

  Future<Void> close() {
    return client.close();
  }
}
