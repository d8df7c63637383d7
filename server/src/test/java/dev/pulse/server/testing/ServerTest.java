package dev.pulse.server.testing;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test class that runs all its tests once on each {@link Backend} of {@link #backends()}, each
 * test against a fresh server of its own ({@link #server}, reached over REST through {@link #api}).
 *
 * <p>{@code @ParameterizedClass} and {@code @MethodSource} are {@code @Inherited} and JUnit injects
 * {@code @Parameter} fields declared in a superclass, so a subclass needs neither: it only
 * overrides {@link #env()} when its server needs other settings. Its own {@code @BeforeEach}
 * methods run after the server is up, its {@code @AfterEach} methods before it stops.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("backends")
public abstract class ServerTest {
  /** The databases the class runs on: every {@link Backend} ({@link EmbeddedServerTest}: one). */
  protected static List<Backend> backends() {
    return List.of(Backend.values());
  }

  @Parameter
  protected Backend backend;

  protected PulseFixture server;
  protected Api api;

  /** Environment overrides for every server of this class (see {@code Config}); none by default. */
  protected Map<String, String> env() {
    return Map.of();
  }

  @BeforeEach
  protected final void startServer() throws Exception {
    start(env());
  }

  /**
   * Replaces this test's server by a fresh one (new database) started with {@code env} instead
   * of {@link #env()}, for a test that needs settings the rest of its class must not have.
   */
  protected final void restartWith(Map<String, String> env) throws Exception {
    server.close();
    server = null;
    start(env);
  }

  /** Restarts the server on the same data; it comes back on another port, so {@link #api} is renewed. */
  protected final void restartServer() throws Exception {
    server.restart();
    api = server.api();
  }

  private void start(Map<String, String> env) throws Exception {
    server = PulseFixture.start(backend, env);
    api = server.api();
  }

  // null when the server failed to start (or to start again): there is nothing to stop then
  @AfterEach
  protected final void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
