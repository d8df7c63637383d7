package dev.pulse.socketio.redis;

import dev.pulse.socketio.SocketIoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The nodes of one test, joined through the real Redis at 127.0.0.1:6379 (another with
 * {@code -Dpulse.test.redis=redis://host:port}) under a channel prefix of that test's own; each
 * node started is closed after the test. A test class registers one per test with
 * {@code @RegisterExtension}.
 */
final class Nodes implements AfterEachCallback {
  static final String REDIS = System.getProperty("pulse.test.redis", "redis://127.0.0.1:6379");

  private final String prefix;
  private final List<Node> started = new ArrayList<>();

  /** {@code name}: the start of the channel prefix, to tell one test class's keys from another's. */
  Nodes(String name) {
    this.prefix = name + "-" + UUID.randomUUID();
  }

  String prefix() {
    return prefix;
  }

  /** Starts a node whose server {@code setup} prepares (its handlers) before it listens. */
  Node start(Consumer<SocketIoServer> setup) throws Exception {
    Node node = new Node(REDIS, prefix, setup);
    started.add(node);
    return node;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (Node node : started) {
      node.close();
    }
    started.clear();
  }
}
