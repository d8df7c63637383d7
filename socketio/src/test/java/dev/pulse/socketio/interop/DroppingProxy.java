package dev.pulse.socketio.interop;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy in front of the server that can simulate a network outage: {@link #cut} closes
 * every connection and refuses new ones until {@link #restore}. The server keeps running.
 */
final class DroppingProxy implements AutoCloseable {

  private final Vertx vertx;
  private final NetServer server;
  private final Set<NetSocket> open;
  private final AtomicBoolean down;

  private DroppingProxy(Vertx vertx, NetServer server, Set<NetSocket> open, AtomicBoolean down) {
    this.vertx = vertx;
    this.server = server;
    this.open = open;
    this.down = down;
  }

  static DroppingProxy start(int targetPort) {
    Vertx vertx = Vertx.vertx();
    NetClient client = vertx.createNetClient();
    Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    AtomicBoolean down = new AtomicBoolean();
    NetServer server = vertx.createNetServer().connectHandler(front -> {
      if (down.get()) {
        front.close();
        return;
      }
      front.pause();
      open.add(front);
      front.closeHandler(v -> open.remove(front));
      client.connect(targetPort, "127.0.0.1").onComplete(ar -> {
        if (ar.failed() || !open.contains(front) || down.get()) {
          front.close();
          if (ar.succeeded()) {
            ar.result().close();
          }
          return;
        }
        NetSocket back = ar.result();
        open.add(back);
        front.closeHandler(v -> {
          open.remove(front);
          back.close();
        });
        back.closeHandler(v -> {
          open.remove(back);
          front.close();
        });
        front.handler(back::write);
        back.handler(front::write);
        front.resume();
      });
    });
    try {
      server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("proxy did not start", e);
    }
    return new DroppingProxy(vertx, server, open, down);
  }

  int port() {
    return server.actualPort();
  }

  /** Closes every connection, on both sides, and refuses new ones. */
  void cut() {
    down.set(true);
    for (NetSocket socket : List.copyOf(open)) {
      socket.close();
    }
  }

  /** Lets connections through again. */
  void restore() {
    down.set(false);
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort
    }
  }
}
