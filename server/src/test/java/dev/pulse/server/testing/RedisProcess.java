package dev.pulse.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * A Redis of a test's own on a free port (redis-server from the distribution, which
 * {@code ./pulse test} installs), so that a test can stop and restart it without touching the
 * shared one.
 */
public final class RedisProcess implements AutoCloseable {
  private final int port;
  private Process process;

  public RedisProcess() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    start();
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts it (again, empty: it keeps nothing on disk) and waits until it listens. */
  public void start() throws IOException {
    process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return s.isConnected();
      } catch (IOException e) {
        return false;
      }
    });
  }

  /** Kills it, as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
