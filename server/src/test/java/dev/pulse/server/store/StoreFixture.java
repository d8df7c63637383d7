package dev.pulse.server.store;

import dev.pulse.server.config.Config;
import dev.pulse.server.profiles.Profile;
import dev.pulse.server.testing.Backend;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A migrated database of its own (SQLite in a temporary directory, or a fresh PostgreSQL database)
 * for calling the repositories directly, without a server.
 */
final class StoreFixture implements AutoCloseable {
  final Database db;
  final UserRepository users = new UserRepository();
  final ProfileRepository profiles = new ProfileRepository();
  final Vertx vertx;
  private final Path dataDir;
  private final String pgDatabase;

  private StoreFixture(Backend backend) throws IOException {
    dataDir = Files.createTempDirectory("pulse-store-test-");
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("DB_POOL_SIZE", "2");
    if (backend == Backend.POSTGRES) {
      pgDatabase = Backend.createPostgresDatabase();
      env.put("DATABASE_URL", Backend.postgresUrl(pgDatabase));
    } else {
      pgDatabase = null;
    }
    vertx = Vertx.vertx();
    db = Database.open(vertx, Config.fromEnv(env));
  }

  static StoreFixture open(Backend backend) throws IOException {
    return new StoreFixture(backend);
  }

  /** Runs {@code work} in one committed transaction. */
  <T> T tx(Database.Work<T> work) throws SQLException {
    return db.inTransaction(work);
  }

  /** Creates a member (account and a minimal profile) who joined at {@code joined}. */
  void member(String username, Instant joined) throws SQLException {
    member(profile(username), joined);
  }

  void member(Profile profile, Instant joined) throws SQLException {
    tx(c -> {
      users.insert(c, profile.username(), "hash-of-" + profile.username(), joined);
      profiles.insert(c, profile, joined);
      return null;
    });
  }

  /** A profile with only the required fields. */
  static Profile profile(String username) {
    return new Profile(username, "Member " + username, "other", LocalDate.of(1990, 6, 15),
        null, null, null, null, null, null, null, null, null);
  }

  @Override
  public void close() throws Exception {
    db.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (pgDatabase != null) {
      Backend.dropPostgresDatabase(pgDatabase);
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
