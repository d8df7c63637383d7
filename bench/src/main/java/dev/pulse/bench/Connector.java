package dev.pulse.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens many clients' sockets with a bounded number of handshakes in flight ({@link Bounded}),
 * as fast as the server accepts them. Runs on the event loop, which also owns the one
 * {@link Frame} every client reads into.
 */
final class Connector {
  static final int CONNECT_TIMEOUT_MILLIS = 30_000;

  private final BenchLoop loop;
  private final Bootstrap bootstrap;
  private final URI server;
  private final int concurrency;
  private final Frame frame = new Frame();
  private final List<String> failures = new ArrayList<>();

  Connector(BenchLoop loop, String host, int port, int concurrency) {
    this.loop = loop;
    this.server = URI.create("ws://" + host + ":" + port + "/");
    this.concurrency = concurrency;
    this.bootstrap = new Bootstrap()
        .group(loop.eventLoop())
        .channelFactory(loop.channelFactory())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
  }

  /** Completes when every client connected or failed; failures are in {@link #failures()}. */
  Future<Void> connectAll(List<BenchClient> clients) {
    return Bounded.run(clients.size(), concurrency, i -> clients.get(i).connect(loop, bootstrap, server, frame)
        .recover(err -> {
          failures.add(err.getMessage());
          return Future.succeededFuture();
        }));
  }

  List<String> failures() {
    return failures;
  }
}
