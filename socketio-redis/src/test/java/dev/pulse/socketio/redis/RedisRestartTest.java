package dev.pulse.socketio.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away and comes back (a private redis-server on a free port, so the shared one is
 * left alone): nodes notice, subscribe again to the rooms they hold, and broadcasts flow again.
 */
class RedisRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private int port;
  private Process redis;
  private Node one;
  private Node two;

  @AfterEach
  void stop() throws Exception {
    if (one != null) {
      one.close();
    }
    if (two != null) {
      two.close();
    }
    if (redis != null) {
      redis.destroyForcibly().waitFor();
    }
  }

  private Process startRedis() throws IOException {
    Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    await().atMost(WAIT).until(() -> {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return s.isConnected();
      } catch (IOException e) {
        return false;
      }
    });
    return p;
  }

  @Test
  void broadcastsFlowAgainAfterRedisRestarts() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    redis = startRedis();
    String url = "redis://127.0.0.1:" + port;
    String prefix = "restart-" + UUID.randomUUID();
    one = new Node(url, prefix, io -> {});
    two = new Node(url, prefix, io -> {});
    Node.Inbox ann = two.connect("ann", "user:ann");
    await().atMost(WAIT).until(ann::connected);
    await().atMost(WAIT).until(() -> {
      one.sio.to("user:ann").emit("news", "before");
      return ann.contains("before");
    });

    redis.destroyForcibly().waitFor();
    await().atMost(WAIT).until(() -> !two.redis.connected());
    redis = startRedis();
    await().atMost(WAIT).until(() -> two.redis.connected());

    await().atMost(WAIT).until(() -> {
      one.sio.to("user:ann").emit("news", "after");
      return ann.contains("after");
    });
    assertThat(ann.connected()).isTrue();
  }
}
