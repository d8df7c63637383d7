package dev.pulse.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens many clients' sockets with a bounded number of handshakes in flight ({@link Bounded}),
 * as fast as the server accepts them; client {@code i} goes to node {@code i mod n} of a cluster. Runs on the event loop, which also owns the one
 * {@link Frame} every client reads into.
 */
final class Connector {
  static final int CONNECT_TIMEOUT_MILLIS = 30_000;

  private final BenchLoop loop;
  private final Bootstrap bootstrap;
  private final List<URI> nodes;
  private final int concurrency;
  private final Frame frame = new Frame();
  private final List<String> failures = new ArrayList<>();

  Connector(BenchLoop loop, Servers servers, int concurrency) {
    this.loop = loop;
    List<URI> uris = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      ServerProcess node = servers.forClient(i);
      uris.add(URI.create("ws://" + node.host() + ":" + node.port() + "/"));
    }
    this.nodes = List.copyOf(uris);
    this.concurrency = concurrency;
    this.bootstrap = new Bootstrap()
        .group(loop.eventLoop())
        .channelFactory(loop.channelFactory())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
  }

  /** Completes when every client connected or failed; failures are in {@link #failures()}. */
  Future<Void> connectAll(List<BenchClient> clients) {
    return Bounded.run(clients.size(), concurrency, i -> clients.get(i).connect(loop, bootstrap,
        nodes.get(Math.floorMod(clients.get(i).index, nodes.size())), frame)
        .recover(err -> {
          failures.add(err.getMessage());
          return Future.succeededFuture();
        }));
  }

  List<String> failures() {
    return failures;
  }
}
