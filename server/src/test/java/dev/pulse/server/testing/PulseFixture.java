package dev.pulse.server.testing;

import dev.pulse.server.PulseApp;
import dev.pulse.server.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Pulse server on a free port with its own database (SQLite in a temporary directory, or a
 * fresh PostgreSQL database). Can be restarted on the same data. Demo profiles are off unless
 * asked for; bcrypt runs at its cheapest cost; timings are shortened where tests wait on them.
 */
public final class PulseFixture implements AutoCloseable {
  /** The HS256 secret every fixture uses, for tests that sign their own tokens. */
  public static final String JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";
  /** The token every fixture's /metrics asks for ({@link Api#metrics}). */
  public static final String METRICS_TOKEN = "test-metrics-token-0123456789";

  private final Backend backend;
  private final Path dataDir;
  private final String pgDatabase;
  private final Map<String, String> env = new HashMap<>();
  private PulseApp app;

  private PulseFixture(Backend backend, Map<String, String> overrides) throws IOException {
    this.backend = backend;
    this.dataDir = Files.createTempDirectory("pulse-test-");
    env.putAll(testSettings(dataDir));
    env.put("METRICS_TOKEN", METRICS_TOKEN);
    if (backend == Backend.POSTGRES) {
      pgDatabase = Backend.createPostgresDatabase();
      env.put("DATABASE_URL", Backend.postgresUrl(pgDatabase));
    } else {
      pgDatabase = null;
    }
    env.putAll(overrides);
  }

  /**
   * What every test server runs with, one node or many: a free port on loopback, its data in
   * {@code dataDir}, the cheapest bcrypt, no demo members, a short offline grace, the shared JWT
   * secret, and no per-address limits in the way.
   */
  static Map<String, String> testSettings(Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("HOST", "127.0.0.1");
    env.put("DATA_DIR", dataDir.toString());
    env.put("BCRYPT_COST", "4");
    env.put("SEED_DEMO_PROFILES", "false");
    env.put("PRESENCE_GRACE_MS", "500");
    // every test client comes from 127.0.0.1: the per-address limits have tests of their own
    env.put("REGISTRATIONS_PER_HOUR", "1000000");
    env.put("REGISTRATION_BURST", "1000000");
    env.put("PENDING_SESSIONS_PER_ADDRESS", "1000000");
    env.put("JWT_SECRET", JWT_SECRET);
    return env;
  }

  public static PulseFixture start(Backend backend) throws Exception {
    return start(backend, Map.of());
  }

  /** Starts a server; {@code overrides} are environment variables (see {@link Config}). */
  public static PulseFixture start(Backend backend, Map<String, String> overrides) throws Exception {
    PulseFixture fixture = new PulseFixture(backend, overrides);
    fixture.app = PulseApp.start(Config.fromEnv(fixture.env));
    return fixture;
  }

  public Backend backend() {
    return backend;
  }

  public int port() {
    return app.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public Api api() {
    return new Api(baseUrl());
  }

  /** Stops the server (gracefully) and starts it again on the same database and port 0. */
  public void restart() throws Exception {
    app.close();
    app = PulseApp.start(Config.fromEnv(env));
  }

  @Override
  public void close() {
    if (app != null) {
      app.close();
    }
    if (pgDatabase != null) {
      Backend.dropPostgresDatabase(pgDatabase);
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temporary directory; the OS cleans up
    }
  }
}
