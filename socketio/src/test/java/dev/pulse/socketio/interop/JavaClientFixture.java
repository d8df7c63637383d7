package dev.pulse.socketio.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.SocketIoServer;
import dev.pulse.socketio.testing.TestServer;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;

/**
 * What {@link JavaClientInteropTest} runs on: a server, the official Java clients a test opens
 * (closed after it, as is the server) and the waits it needs, for each transport {@link Setup}.
 */
abstract class JavaClientFixture {

  /** The client's transports, and the one the server must end up on. */
  enum Setup {
    WEBSOCKET(new String[] {"websocket"}, "websocket"),
    POLLING(new String[] {"polling"}, "polling"),
    POLLING_UPGRADED_TO_WEBSOCKET(new String[] {"polling", "websocket"}, "websocket");

    final String[] clientTransports;
    final String finalTransport;

    Setup(String[] clientTransports, String finalTransport) {
      this.clientTransports = clientTransports;
      this.finalTransport = finalTransport;
    }
  }

  static final Duration WAIT = Duration.ofSeconds(5);

  TestServer server;
  /** Set by a test that puts the proxy between its clients and the server. */
  DroppingProxy proxy;
  final List<Socket> clients = new CopyOnWriteArrayList<>();
  /** Every socket the server accepted, in order, in any namespace. */
  final List<dev.pulse.socketio.Socket> serverSockets = new CopyOnWriteArrayList<>();

  /**
   * The index-th socket the server accepted. The client's connect event can come before the
   * server's connection handler has run (the CONNECT reply is written first), so wait for it.
   */
  dev.pulse.socketio.Socket serverSocket(int index) {
    await().until(() -> serverSockets.size() > index);
    return serverSockets.get(index);
  }

  @AfterEach
  void tearDown() {
    for (Socket client : clients) {
      client.io().reconnection(false);
      client.disconnect();
    }
    if (server != null && !clients.isEmpty()) {
      // Let the clients' goodbyes (asynchronous) land before the server's Vert.x goes away.
      try {
        await().atMost(Duration.ofSeconds(2)).until(
            () -> server.onLoop(() -> server.io.engine().clientsCount()) == 0);
      } catch (org.awaitility.core.ConditionTimeoutException ignored) {
        // closing the server below ends whatever is left
      }
    }
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
  }

  void startServer(Consumer<SocketIoServer> setup) {
    startServer(new SocketIoOptions(), setup);
  }

  void startServer(SocketIoOptions options, Consumer<SocketIoServer> setup) {
    server = TestServer.start(options, setup);
  }

  static IO.Options options(Setup setup) {
    IO.Options options = new IO.Options();
    options.transports = setup.clientTransports;
    options.forceNew = true;
    options.reconnection = false;
    options.timeout = WAIT.toMillis();
    return options;
  }

  /** Reconnection on, with short delays, so a reconnect (wanted or not) happens quickly. */
  static IO.Options reconnecting(IO.Options options) {
    options.reconnection = true;
    options.reconnectionDelay = 50;
    options.reconnectionDelayMax = 200;
    options.randomizationFactor = 0.1;
    return options;
  }

  Socket client(String url, IO.Options options) {
    Socket socket = IO.socket(URI.create(url), options);
    clients.add(socket);
    return socket;
  }

  /** Waits until the server's socket is on the transport this setup must end on. */
  void awaitTransport(Setup setup, dev.pulse.socketio.Socket socket) {
    await().untilAsserted(() ->
        assertThat(server.onLoop(socket::transport)).isEqualTo(setup.finalTransport));
  }

  /** For longer than several reconnection delays: no new connect, and no session on the server. */
  void assertStaysWithoutReconnection(Socket client, Events events) {
    await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
      assertThat(events.count(Socket.EVENT_CONNECT)).isEqualTo(1);
      assertThat(client.io().isReconnecting()).isFalse();
      assertThat(server.onLoop(() -> server.io.engine().clientsCount())).isZero();
    });
    assertThat(client.connected()).isFalse();
  }

  static ConditionFactory await() {
    return Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10));
  }

  /** {@code length} bytes derived from {@code seed}; from 256 on, every byte value occurs. */
  static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + seed);
    }
    return bytes;
  }

  static Object[] poll(BlockingQueue<Object[]> queue, String what) {
    try {
      Object[] value = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (value == null) {
        fail("no " + what + " within " + WAIT);
      }
      return value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
