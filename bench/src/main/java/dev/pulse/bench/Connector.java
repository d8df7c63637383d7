package dev.pulse.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens many clients' sockets with a bounded number of handshakes in flight, as fast as the
 * server accepts them: an unbounded burst would only measure the kernel's accept backlog.
 * Runs on the event loop.
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
    Promise<Void> done = Promise.promise();
    if (clients.isEmpty()) {
      return Future.succeededFuture();
    }
    int[] next = {0};
    int[] finished = {0};
    Runnable[] startNext = new Runnable[1];
    startNext[0] = () -> {
      if (next[0] >= clients.size()) {
        return;
      }
      BenchClient c = clients.get(next[0]++);
      c.connect(vertx, client, host, port).onComplete(ar -> {
        if (ar.failed()) {
          failures.add(ar.cause().getMessage());
        }
        if (++finished[0] == clients.size()) {
          done.complete();
        } else {
          startNext[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(concurrency, clients.size()); i++) {
      startNext[0].run();
    }
    return done.future();
  }

  List<String> failures() {
    return failures;
  }

  Future<Void> close() {
    return client.close();
  }
}
