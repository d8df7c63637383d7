package dev.pulse.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pulse.server.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and schema. JDBC blocks, so every use goes through {@link #run} /
 * {@link #tx}, which run on Vert.x worker threads and complete back on the caller's event loop.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private final Vertx vertx;
  private final HikariDataSource pool;
  private final String description;

  private Database(Vertx vertx, HikariDataSource pool, String description) {
    this.vertx = vertx;
    this.pool = pool;
    this.description = description;
  }

  /** Opens the pool and migrates the schema (blocking: call before serving). */
  public static Database open(Vertx vertx, Config config) {
    JdbcTarget target = JdbcTarget.of(config);
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(target.url());
    if (target.user() != null) {
      hikari.setUsername(target.user());
    }
    if (target.password() != null) {
      hikari.setPassword(target.password());
    }
    hikari.setMaximumPoolSize(config.dbPoolSize());
    hikari.setPoolName("pulse-db");
    hikari.setAutoCommit(true);
    HikariDataSource pool = new HikariDataSource(hikari);
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    log.info("database {} ready", target.description());
    return new Database(vertx, pool, target.description());
  }

  public DataSource dataSource() {
    return pool;
  }

  public String description() {
    return description;
  }

  /** Runs {@code work} on a worker thread with auto-commit on. */
  public <T> Future<T> run(Work<T> work) {
    return vertx.executeBlocking(() -> {
      try (Connection c = pool.getConnection()) {
        return work.apply(c);
      }
    }, false);
  }

  /** Runs {@code work} in one transaction on a worker thread. */
  public <T> Future<T> tx(Work<T> work) {
    return vertx.executeBlocking(() -> inTransaction(work), false);
  }

  /** Runs {@code work} in one transaction on the calling thread (which must be allowed to block). */
  public <T> T inTransaction(Work<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  @Override
  public void close() {
    pool.close();
    log.info("database closed");
  }

  /** Where the JDBC connection goes, from {@code DATABASE_URL} or the embedded default. */
  record JdbcTarget(String url, String user, String password, String description) {
    static JdbcTarget of(Config config) {
      if (config.embeddedDatabase()) {
        Path dir = config.dataDir().toAbsolutePath().normalize();
        try {
          Files.createDirectories(dir);
        } catch (java.io.IOException e) {
          throw new IllegalStateException("cannot create DATA_DIR " + dir + ": " + e.getMessage(), e);
        }
        // WRITE_DELAY=0: H2 otherwise writes commits to the file up to 500 ms later, and an
        // acknowledged message would not survive the process being killed
        String url = "jdbc:h2:file:" + dir.resolve("pulse")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        return new JdbcTarget(url, "sa", "", "H2 " + dir.resolve("pulse.mv.db"));
      }
      String raw = config.databaseUrl();
      if (raw.startsWith("jdbc:")) {
        return new JdbcTarget(raw, null, null, redact(raw));
      }
      if (raw.startsWith("postgres://") || raw.startsWith("postgresql://")) {
        URI uri = URI.create(raw);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
          String[] parts = uri.getRawUserInfo().split(":", 2);
          user = decode(parts[0]);
          password = parts.length > 1 ? decode(parts[1]) : null;
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String url = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
        return new JdbcTarget(url, user, password, "PostgreSQL " + uri.getHost() + ":" + port + uri.getRawPath());
      }
      throw new IllegalArgumentException(
          "DATABASE_URL must be a jdbc: URL or postgres://user:password@host:port/database");
    }

    private static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
      return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
  }
}
